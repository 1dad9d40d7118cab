"""Every write to a booking: request, change, approve, reject, hand out, return, close, cancel.

Each function is keyword-only, runs in one transaction, locks the units it may reserve, checks
permissions through ``videnscenter.rules`` and raises ``ServiceError`` (or ``NotAvailable``)
with a Danish message. Every status change is logged as a ``BookingEvent``; e-mails go out
after commit.
"""

import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Equipment, MobilePack, Programme, Unit
from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, Role, User

from . import engine, notifications
from .models import Booking, BookingEvent, Reservation
from .pricing import booking_price
from .workdays import add_working_days

S = Booking.Status
TRANSITIONS: dict[str, set[str]] = {
    S.REQUESTED: {S.APPROVED, S.REJECTED, S.CANCELLED},
    S.APPROVED: {S.HANDED_OUT, S.CANCELLED},
    S.HANDED_OUT: {S.RETURNED},
    S.RETURNED: {S.CLOSED},
}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class NotAvailable(ServiceError):
    """Too few units are free. Carries the reasons per unit and what could be booked instead."""

    def __init__(self, message: str, *, reasons: list[engine.Reason], alternatives: engine.Alternatives):
        super().__init__(message)
        self.reasons = reasons
        self.alternatives = alternatives


# --- checks -------------------------------------------------------------------------------------


def earliest_start(item: Equipment | MobilePack, today: date) -> date:
    notice = item.min_notice_days if isinstance(item, Equipment) else _pack_notice(item)
    return add_working_days(today, notice)


def _pack_notice(pack: MobilePack) -> int:
    return max((i.unit.equipment.min_notice_days for i in pack.items.select_related("unit__equipment")), default=0)


def _pack_max_loan(pack: MobilePack) -> int:
    return min((i.unit.equipment.max_loan_days for i in pack.items.select_related("unit__equipment")), default=30)


def _check_period(item, start: date, end: date, *, today: date, staff: bool) -> None:
    if end < start:
        raise ServiceError({"end_date": _("The last day must be on or after the first day.")})
    max_loan = item.max_loan_days if isinstance(item, Equipment) else _pack_max_loan(item)
    if (end - start).days + 1 > max_loan:
        raise ServiceError(
            {"end_date": _("This equipment can be borrowed for at most %(days)s days.") % {"days": max_loan}}
        )
    if start < today:
        raise ServiceError({"start_date": _("The first day cannot be in the past.")})
    first_possible = earliest_start(item, today)
    if not staff and start < first_possible:
        raise ServiceError(
            {
                "start_date": _("This equipment must be booked with notice; the earliest first day is %(date)s.")
                % {"date": first_possible.strftime("%d.%m.%Y")}
            }
        )


def _check_handover(item, handover: str) -> None:
    lab_only = isinstance(item, Equipment) and item.placement == Equipment.Placement.LAB_ONLY
    if lab_only and handover != Booking.Handover.LAB:
        raise ServiceError({"handover": _("This equipment can only be used in the Praksis Lab.")})


def _check_requester(*, actor: User, requester: User, organisation: Organisation) -> None:
    if requester.pk == actor.pk:
        rules.require(actor, "organisation.book", organisation)
        return
    rules.require(actor, "booking.book_on_behalf", organisation)
    if not rules.allowed(requester, "organisation.book", organisation):
        raise ServiceError(
            {"requester": _("%(name)s cannot book for %(org)s.") % {"name": requester, "org": organisation}}
        )


# --- reserving units ---------------------------------------------------------------------------


def _lock_units(unit_ids) -> list[Unit]:
    # Row locks in a fixed order: two requests for the same units queue instead of both winning.
    return list(
        Unit.objects.select_for_update(of=("self",))
        .filter(pk__in=list(unit_ids))
        .order_by("pk")
        .select_related("current_location")
    )


def _not_available(item, units, start, end, quantity, buffers, *, exclude=None, today) -> NotAvailable:
    first, last = buffers.blocked(start, end)
    found = engine.reasons(units, first, last, exclude_booking=exclude)
    in_service = [u.pk for u in units if u.status == Unit.Status.IN_SERVICE]
    alternatives = engine.Alternatives()
    period = engine.next_free_period(
        in_service, quantity, start, (end - start).days + 1, buffers, earliest=earliest_start(item, today)
    )
    if period:
        alternatives.next_start, alternatives.next_end = period
    if isinstance(item, Equipment):
        alternatives.other_equipment = engine.free_equipment_in_category(item, start, end)
    if quantity == 1:
        message = _("%(item)s is not available in that period.") % {"item": item.name}
    else:
        message = _("Not enough units of %(item)s are available in that period.") % {"item": item.name}
    return NotAvailable(message, reasons=found, alternatives=alternatives)


def _pick_and_reserve(booking: Booking, item, buffers: engine.Buffers, *, today: date, units=None) -> None:
    """Reserve ``booking.quantity`` free units (or exactly ``units``) for the booking's period."""
    all_units = _lock_units(
        engine.units_for(equipment=booking.equipment, pack=booking.pack).values_list("pk", flat=True)
    )
    first, last = buffers.blocked(booking.start_date, booking.end_date)
    free_ids = set(
        engine.free_unit_ids(
            [u.pk for u in all_units if u.status == Unit.Status.IN_SERVICE], first, last, exclude_booking=booking
        )
    )
    if units is not None:
        chosen = [u for u in all_units if u.pk in {x.pk for x in units}]
        if len(chosen) != len(units) or any(u.pk not in free_ids for u in chosen):
            raise _not_available(
                item, all_units, booking.start_date, booking.end_date, len(units), buffers, exclude=booking, today=today
            )
    elif booking.pack_id:
        if len(free_ids) < len(all_units) or not all_units:
            raise _not_available(
                item, all_units, booking.start_date, booking.end_date, 1, buffers, exclude=booking, today=today
            )
        chosen = all_units
    else:
        candidates = engine.prefer_near([u for u in all_units if u.pk in free_ids], booking.organisation)
        if len(candidates) < booking.quantity:
            raise _not_available(
                item,
                all_units,
                booking.start_date,
                booking.end_date,
                booking.quantity,
                buffers,
                exclude=booking,
                today=today,
            )
        chosen = candidates[: booking.quantity]
    booking.reservations.all().delete()
    engine.insert_reservations(
        [(unit, (first, last)) for unit in chosen],
        start=booking.start_date,
        end=booking.end_date,
        message=_("%(item)s was booked by someone else just now. Try again.") % {"item": item.name},
        kind=Reservation.Kind.BOOKING,
        booking=booking,
    )
    booking.quantity = len(chosen)


def _new_reference() -> str:
    while True:
        reference = "B-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        if not Booking.objects.filter(reference=reference).exists():
            return reference


def _log(booking: Booking, *, actor: User | None, from_status: str, to_status: str, note: str = "") -> None:
    BookingEvent.objects.create(booking=booking, actor=actor, from_status=from_status, to_status=to_status, note=note)


def _move(booking: Booking, to: str, *, actor: User, note: str = "") -> None:
    if to not in TRANSITIONS.get(booking.status, set()):
        raise ServiceError(
            _("A booking that is “%(current)s” cannot be “%(target)s”.")
            % {"current": booking.get_status_display().lower(), "target": S(to).label.lower()}
        )
    previous = booking.status
    booking.status = to
    booking.sequence += 1
    booking.save()
    if to in (S.REJECTED, S.CANCELLED):
        booking.reservations.update(is_active=False)
    _log(booking, actor=actor, from_status=previous, to_status=to, note=note)


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("equipment", "pack", "organisation", "requester", "owning_centre")
        .get(pk=booking.pk)
    )


# --- the public services -----------------------------------------------------------------------


@transaction.atomic
def booking_request(
    *,
    actor: User,
    organisation: Organisation,
    start_date: date,
    end_date: date,
    equipment: Equipment | None = None,
    pack: MobilePack | None = None,
    quantity: int = 1,
    handover: str = Booking.Handover.PICKUP,
    programme: Programme | None = None,
    class_name: str = "",
    student_count: int | None = None,
    note: str = "",
    requester: User | None = None,
    today: date | None = None,
) -> Booking:
    """Request a loan of ``quantity`` units of ``equipment`` (or the whole ``pack``) for ``organisation``.

    Picks specific free units (preferring units already at the school) and reserves them for the
    loan plus the working-day buffers. Approves at once if the equipment is set to auto-approve.
    Raises PermissionDenied, ServiceError for invalid input, NotAvailable when units are missing.
    """
    item = equipment or pack
    if item is None or (equipment and pack):
        raise ServiceError(_("Choose either equipment or a mobile pack."))
    today = today or timezone.localdate()
    requester = requester or actor
    _check_requester(actor=actor, requester=requester, organisation=organisation)
    if not item.is_active:
        raise ServiceError(_("%(item)s cannot be booked at the moment.") % {"item": item.name})
    if pack is None and not 1 <= quantity <= 50:
        raise ServiceError({"quantity": _("Choose between 1 and 50 units.")})
    if student_count is not None and not 0 <= student_count <= 1000:
        raise ServiceError({"student_count": _("Enter a number of students between 0 and 1000.")})
    _check_period(item, start_date, end_date, today=today, staff=False)
    _check_handover(item, handover)
    price = booking_price(item=item, organisation=organisation, handover=handover)
    booking = Booking(
        reference=_new_reference(),
        requester=requester,
        created_by=actor,
        organisation=organisation,
        owning_centre_id=item.owning_centre_id,
        equipment=equipment,
        pack=pack,
        quantity=1 if pack else quantity,
        start_date=start_date,
        end_date=end_date,
        handover=handover,
        programme=programme,
        class_name=class_name.strip(),
        student_count=student_count,
        note=note.strip(),
        price=price,
        payment_status=Booking.Payment.NOT_REQUIRED if price == 0 else Booking.Payment.PENDING,
    )
    booking.save()
    _pick_and_reserve(booking, item, engine.buffers_for(equipment=equipment, pack=pack), today=today)
    booking.save(update_fields=["quantity"])
    _log(booking, actor=actor, from_status="", to_status=S.REQUESTED, note=booking.note)
    notifications.booking_event(booking, "received")
    if equipment is not None and equipment.auto_approve:
        _move(booking, S.APPROVED, actor=None, note=_("Approved automatically."))
        notifications.booking_event(booking, "approved")
    else:
        notifications.staff_new_request(booking)
    return booking


@transaction.atomic
def booking_change(
    *,
    actor: User,
    booking: Booking,
    start_date: date,
    end_date: date,
    quantity: int | None = None,
    today: date | None = None,
) -> Booking:
    """Change the dates or number of units of a booking that is still only requested; re-checked like a new one."""
    booking = _locked(booking)
    rules.require(actor, "booking.change", booking)
    if booking.status != S.REQUESTED:
        raise ServiceError(_("Only a booking that is still awaiting approval can be changed. Contact the centre."))
    today = today or timezone.localdate()
    item = booking.equipment or booking.pack
    _check_period(item, start_date, end_date, today=today, staff=False)
    if booking.equipment_id and quantity is not None:
        if not 1 <= quantity <= 50:
            raise ServiceError({"quantity": _("Choose between 1 and 50 units.")})
        booking.quantity = quantity
    booking.start_date, booking.end_date = start_date, end_date
    _pick_and_reserve(booking, item, engine.buffers_for(equipment=booking.equipment, pack=booking.pack), today=today)
    booking.sequence += 1
    booking.save()
    _log(
        booking, actor=actor, from_status=booking.status, to_status=booking.status, note=_("Dates or quantity changed.")
    )
    notifications.booking_event(booking, "changed")
    return booking


@transaction.atomic
def booking_approve(
    *,
    actor: User,
    booking: Booking,
    start_date: date | None = None,
    end_date: date | None = None,
    units: list[Unit] | None = None,
    note: str = "",
    today: date | None = None,
) -> Booking:
    """Approve a request, optionally with other dates or other units (re-checked under lock)."""
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    if booking.status != S.REQUESTED:
        _move(booking, S.APPROVED, actor=actor)  # raises the "cannot" message
    today = today or timezone.localdate()
    item = booking.equipment or booking.pack
    changed = False
    if start_date or end_date or units is not None:
        new_start, new_end = start_date or booking.start_date, end_date or booking.end_date
        _check_period(item, new_start, new_end, today=today, staff=True)
        changed = (new_start, new_end) != (booking.start_date, booking.end_date) or units is not None
        booking.start_date, booking.end_date = new_start, new_end
        if units is not None and not units:
            raise ServiceError({"units": _("Choose at least one unit.")})
        if units is not None and booking.equipment_id and any(u.equipment_id != booking.equipment_id for u in units):
            raise ServiceError({"units": _("All units must be of the booked equipment.")})
        _pick_and_reserve(
            booking, item, engine.buffers_for(equipment=booking.equipment, pack=booking.pack), today=today, units=units
        )
    booking.decision_note = note.strip()
    _move(booking, S.APPROVED, actor=actor, note=(_("Approved with changes. ") if changed else "") + note.strip())
    notifications.booking_event(booking, "approved")
    return booking


@transaction.atomic
def booking_reject(*, actor: User, booking: Booking, reason: str) -> Booking:
    """Reject a request; the reason is required and is sent to the teacher. The units are freed."""
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    if not reason.strip():
        raise ServiceError({"reason": _("Write why the booking is rejected; the teacher will see it.")})
    booking.decision_note = reason.strip()
    _move(booking, S.REJECTED, actor=actor, note=reason.strip())
    notifications.booking_event(booking, "rejected")
    return booking


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking, note: str = "") -> Booking:
    """Cancel a booking before it is handed out. The units are freed at once."""
    booking = _locked(booking)
    rules.require(actor, "booking.cancel", booking)
    _move(booking, S.CANCELLED, actor=actor, note=note.strip())
    notifications.booking_event(booking, "cancelled")
    return booking


@transaction.atomic
def booking_hand_out(*, actor: User, booking: Booking, note: str = "") -> Booking:
    """Record that the units left the centre (or were handed over in the lab)."""
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    _move(booking, S.HANDED_OUT, actor=actor, note=note.strip())
    return booking


@transaction.atomic
def booking_return(
    *,
    actor: User,
    booking: Booking,
    damaged_units: list[Unit] = (),
    condition_note: str = "",
    today: date | None = None,
) -> Booking:
    """Take the units back with a condition report. Damaged units go to maintenance.

    A loan returned early frees its units from the return day plus the after-buffer.
    """
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    today = today or timezone.localdate()
    reserved = {r.unit_id: r for r in booking.reservations.select_related("unit")}
    if any(u.pk not in reserved for u in damaged_units):
        raise ServiceError({"damaged_units": _("Only units of this booking can be reported damaged.")})
    if damaged_units and not condition_note.strip():
        raise ServiceError({"condition_note": _("Describe the damage, so the unit can be repaired.")})
    _move(booking, S.RETURNED, actor=actor, note=condition_note.strip())
    stamp = timezone.localtime().strftime("%d.%m.%Y")
    for unit in damaged_units:
        unit.status = Unit.Status.MAINTENANCE
        unit.condition_notes = (
            f"{unit.condition_notes}\n{stamp} ({booking.reference}): {condition_note.strip()}".strip()
        )
        unit.save(update_fields=["status", "condition_notes"])
    buffers = engine.buffers_for(equipment=booking.equipment, pack=booking.pack)
    for reservation in reserved.values():
        if today < reservation.end_date:
            # Back early: the units are free again after the return day and the after-buffer.
            reservation.end_date = max(today, reservation.start_date)
            reservation.blocked_end = add_working_days(reservation.end_date, buffers.after)
            reservation.save(update_fields=["end_date", "blocked_end"])
    return booking


@transaction.atomic
def booking_close(*, actor: User, booking: Booking, note: str = "") -> Booking:
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    _move(booking, S.CLOSED, actor=actor, note=note.strip())
    return booking


@transaction.atomic
def booking_swap_unit(*, actor: User, booking: Booking, old_unit: Unit, new_unit: Unit) -> Booking:
    """Give a booking another unit of the same equipment (e.g. when its unit broke)."""
    booking = _locked(booking)
    rules.require(actor, "booking.decide", booking)
    if not booking.is_active or booking.status in (S.RETURNED, S.CLOSED):
        raise ServiceError(_("Units can only be swapped on a booking that has not been returned."))
    reservation = booking.reservations.filter(unit=old_unit).first()
    if reservation is None or new_unit.equipment_id != old_unit.equipment_id:
        raise ServiceError(_("Choose a unit of the same equipment to replace one in this booking."))
    _lock_units([new_unit.pk])
    if new_unit.status != Unit.Status.IN_SERVICE or not engine.free_unit_ids(
        [new_unit.pk], reservation.blocked_start, reservation.blocked_end
    ):
        raise ServiceError(_("%(unit)s is not free in that period.") % {"unit": new_unit.asset_tag})
    reservation.unit = new_unit
    try:
        with transaction.atomic():
            reservation.save(update_fields=["unit"])
    except IntegrityError as exc:
        raise ServiceError(_("%(unit)s is not free in that period.") % {"unit": new_unit.asset_tag}) from exc
    booking.sequence += 1
    booking.save(update_fields=["sequence", "updated_at"])
    _log(
        booking,
        actor=actor,
        from_status=booking.status,
        to_status=booking.status,
        note=_("Unit %(old)s replaced by %(new)s.") % {"old": old_unit.asset_tag, "new": new_unit.asset_tag},
    )
    return booking


def bookable_organisations(user: User) -> list[Organisation]:
    """The schools this person may book for."""
    return [m.organisation for m in rules.confirmed_memberships(user) if m.role in (Role.TEACHER, Role.COORDINATOR)]
