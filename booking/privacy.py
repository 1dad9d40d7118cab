"""The booking app's personal data, registered with ``videnscenter.privacy`` from ``BookingConfig.ready``.

A booking outlives the person: once they are erased (or its period has run out) it keeps the
school, the owning centre, the equipment or pack, the dates, the quantity, the number of students
and the price, which is all the yearly report counts, and loses who booked, the class and every
note. Rows are never deleted here.
"""

from datetime import datetime

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from videnscenter import versions
from videnscenter.models import User
from videnscenter.personal_data import PersonData, register_person_data, register_retention

from . import history, lifecycle
from .models import Booking, CalendarSubscription, MaintenanceWindow


def _touched() -> dict:
    # Calendars and ETags see the change: a booking without a name is a new version of it.
    versions.bump(versions.BOOKINGS)  # [speed] the rows change through update(): no signal sees them
    return {"sequence": F("sequence") + 1, "updated_at": timezone.now()}


# --- one person --------------------------------------------------------------------------------


def _theirs(person: User):
    return Booking.objects.filter(Q(requester=person) | Q(created_by=person))


def export_bookings(person: User) -> list[dict]:
    bookings = _theirs(person).select_related("equipment", "pack", "organisation", "requester", "created_by")
    return [
        {
            "reference": b.reference,
            "item": b.item_name,
            "organisation": b.organisation.name,
            "start_date": b.start_date,
            "end_date": b.end_date,
            "status": b.get_status_display(),
            "handover": b.get_handover_display(),
            "booked_by": b.requester_label,
            "created_by": str(b.created_by) if b.created_by_id else "",
            "class_name": b.class_name,
            "student_count": b.student_count,
            "note": b.note,
            "decision_note": b.decision_note,
            "price": b.price,
            "created_at": b.created_at,
        }
        for b in bookings.order_by("start_date", "pk")
    ]


def export_booking_history(person: User) -> list[dict]:
    entries = (history.booking_entries(_theirs(person)) | history.booking_entries().filter(user=person)).order_by(
        "timestamp", "pk"
    )
    references = dict(Booking.objects.values_list("pk", "reference").filter(pk__in=[e.object_id for e in entries]))
    return [
        {
            "booking": references.get(int(e.object_id), e.label),
            "at": e.timestamp,
            "from_status": history.status_label(e.data.get("from", "")),
            "to_status": history.status_label(e.data.get("to", "")),
            "by_you": e.user_id == person.pk,
            "note": e.data.get("note", ""),
        }
        for e in entries
    ]


def anonymise_bookings(person: User) -> int:
    """Blank who booked, the class and every note of their bookings, and what they wrote elsewhere."""
    own = list(Booking.objects.filter(requester=person).values_list("pk", flat=True))
    made = list(Booking.objects.filter(created_by=person).exclude(pk__in=own).values_list("pk", flat=True))
    # A member of staff's decision notes on other people's bookings (the log entry's note holds it).
    decisions = {
        int(entry.object_id): entry.data.get("note", "")
        for entry in history.booking_entries().filter(user=person).exclude(data__note="")
    }
    decided = {
        pk
        for pk, decision_note in Booking.objects.filter(pk__in=decisions).values_list("pk", "decision_note")
        if decision_note and decision_note in decisions[pk]
    }
    changed = Booking.objects.filter(pk__in=own).update(
        requester=None, class_name="", note="", decision_note="", **_touched()
    )
    # Booked for someone else: the note was theirs; the class and the teacher are not.
    changed += Booking.objects.filter(pk__in=made).update(created_by=None, note="", **_touched())
    Booking.objects.filter(created_by=person).update(created_by=None)
    changed += Booking.objects.filter(pk__in=decided - set(own)).update(decision_note="", **_touched())
    changed += history.forget_notes(history.booking_entries().filter(user=person))
    changed += history.forget_notes(history.booking_entries(Booking.objects.filter(pk__in=own)))
    changed += MaintenanceWindow.objects.filter(created_by=person).update(created_by=None)
    return changed


def export_subscriptions(person: User) -> list[dict]:
    return [
        {
            "name": s.name,
            "kind": s.get_kind_display(),
            "created_at": s.created_at,
            "last_fetched_at": s.last_fetched_at,
            "fetch_count": s.fetch_count,
            "revoked_at": s.revoked_at,
        }
        for s in CalendarSubscription.objects.filter(owner=person).order_by("created_at")
    ]


def anonymise_subscriptions(person: User) -> int:
    return CalendarSubscription.objects.filter(owner=person).delete()[0]


def booking_people_of_centres(centre_ids: set[int]) -> Q:
    """People who booked equipment of these centres, or for a school attached to them."""
    return Q(bookings__owning_centre_id__in=centre_ids) | Q(bookings__organisation__home_centre_id__in=centre_ids)


def equipment_on_loan(person: User) -> str | None:
    out = list(
        Booking.objects.filter(requester=person, status__in=lifecycle.OUT).values_list("reference", flat=True)[:5]
    )
    if not out:
        return None
    return _("%(name)s still has equipment on loan (%(references)s). Take it back before erasing them.") % {
        "name": person,
        "references": ", ".join(out),
    }


# --- retention ---------------------------------------------------------------------------------


def _loans_ended_before(before: datetime):
    """Bookings whose loan ended before ``before``; a loan still out keeps everything until it is back."""
    return Booking.objects.filter(end_date__lt=timezone.localtime(before).date()).exclude(status__in=lifecycle.OUT)


def expire_booking_personal(*, before: datetime) -> int:
    expired = _loans_ended_before(before).filter(
        Q(requester__isnull=False) | Q(created_by__isnull=False) | ~Q(class_name="")
    )
    return expired.update(requester=None, created_by=None, class_name="", **_touched())


def expire_notes(*, before: datetime) -> int:
    bookings = _loans_ended_before(before)
    changed = bookings.filter(~Q(note="") | ~Q(decision_note="")).update(note="", decision_note="", **_touched())
    return changed + history.forget_notes(history.booking_entries(bookings))


def expire_feed_fetches(*, before: datetime) -> int:
    deleted = CalendarSubscription.objects.filter(revoked_at__lt=before).delete()[0]
    return deleted + CalendarSubscription.objects.filter(last_fetched_at__lt=before).update(
        last_fetched_at=None, fetch_count=0
    )


def register() -> None:
    register_person_data(
        PersonData(
            key="bookings",
            label=gettext_lazy("Bookings"),
            fields=(
                ("reference", gettext_lazy("Reference")),
                ("item", gettext_lazy("Equipment")),
                ("organisation", gettext_lazy("For")),
                ("start_date", gettext_lazy("First day")),
                ("end_date", gettext_lazy("Last day")),
                ("status", gettext_lazy("Status")),
                ("handover", gettext_lazy("Hand-over")),
                ("booked_by", gettext_lazy("Booked by")),
                ("created_by", gettext_lazy("Registered by")),
                ("class_name", gettext_lazy("Class or team")),
                ("student_count", gettext_lazy("Number of students")),
                ("note", gettext_lazy("Note")),
                ("decision_note", gettext_lazy("Note from the centre")),
                ("price", gettext_lazy("Price (DKK)")),
                ("created_at", gettext_lazy("Created")),
            ),
            export=export_bookings,
            anonymise=anonymise_bookings,
            people_of_centres=booking_people_of_centres,
            blocker=equipment_on_loan,
            order=10,
        )
    )
    register_person_data(
        PersonData(
            key="booking_history",
            label=gettext_lazy("History of your bookings"),
            fields=(
                ("booking", gettext_lazy("Booking")),
                ("at", gettext_lazy("When")),
                ("from_status", gettext_lazy("From")),
                ("to_status", gettext_lazy("To")),
                ("by_you", gettext_lazy("By you")),
                ("note", gettext_lazy("Note")),
            ),
            export=export_booking_history,
            order=11,
        )
    )
    register_person_data(
        PersonData(
            key="calendar_subscriptions",
            label=gettext_lazy("Calendar subscriptions"),
            fields=(
                ("name", gettext_lazy("Name")),
                ("kind", gettext_lazy("Feed")),
                ("created_at", gettext_lazy("Created")),
                ("last_fetched_at", gettext_lazy("Last fetched")),
                ("fetch_count", gettext_lazy("Fetches")),
                ("revoked_at", gettext_lazy("Deleted")),
            ),
            export=export_subscriptions,
            anonymise=anonymise_subscriptions,
        )
    )
    register_retention("booking_personal", "booking.personal_fields", expire_booking_personal)
    register_retention("notes", "booking.notes", expire_notes)
    register_retention("feed_fetches", "booking.feed_fetches", expire_feed_fetches)
