"""Booking e-mails in Danish, rendered now and sent by the task queue after commit."""

from django.urls import reverse

from videnscenter.emails import absolute_url, queue_email
from videnscenter.models import Membership, Role

from .models import Booking

KINDS = {"received", "approved", "rejected", "changed", "cancelled", "reminder_start", "reminder_return"}
WITH_CALENDAR = {"received", "approved", "rejected", "changed", "cancelled"}


def ics_attachment(booking: Booking) -> list[str]:
    """The booking as one calendar event, with the same UID and SEQUENCE as in the feeds."""
    from .calendar.feeds import booking_event
    from .calendar.ical import render_calendar

    content = render_calendar(
        name=booking.item_name, description=booking.reference, events=[booking_event(booking)], method="PUBLISH"
    )
    return [f"{booking.reference}.ics", content.decode(), "text/calendar"]


def recipients(booking: Booking) -> list[str]:
    """The teacher it is for, and whoever booked on their behalf (nobody once they were erased)."""
    people = [booking.requester, booking.created_by if booking.created_by_id != booking.requester_id else None]
    return [person.email for person in people if person is not None]


def booking_event(booking: Booking, kind: str) -> None:
    assert kind in KINDS, kind
    manuals = []
    if kind == "approved" and booking.equipment_id:
        manuals = [(str(m), absolute_url(m.document.url)) for m in booking.equipment.manuals.select_related("document")]
    queue_email(
        to=recipients(booking),
        template=f"booking_{kind}",
        context={
            "booking": booking,
            "url": absolute_url(reverse("booking:detail", args=[booking.reference])),
            "item_url": absolute_url(
                booking.equipment.get_absolute_url() if booking.equipment_id else booking.pack.get_absolute_url()
            ),
            "manuals": manuals,
        },
        attachments=[ics_attachment(booking)] if kind in WITH_CALENDAR else None,
    )


def staff_new_request(booking: Booking) -> None:
    """Tell the owning centre's staff that a request waits for them."""
    staff = Membership.objects.confirmed().filter(organisation_id=booking.owning_centre_id, role=Role.CENTRE_STAFF)
    queue_email(
        to=list(staff.values_list("user__email", flat=True)),
        template="booking_staff_request",
        context={"booking": booking, "url": absolute_url(reverse("booking_admin:queue"))},
    )
