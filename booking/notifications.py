"""Booking e-mails in Danish, rendered now and sent by the task queue after commit."""

from django.urls import reverse

from videnscenter.emails import absolute_url, queue_email
from videnscenter.models import Membership, Role

from .models import Booking

KINDS = {"received", "approved", "rejected", "changed", "cancelled", "reminder_start", "reminder_return"}
WITH_CALENDAR = {"received", "approved", "rejected", "changed", "cancelled"}


def ics_attachment(booking: Booking, lines: list[Booking] | None = None) -> list[str]:
    """The booking (or each line of a basket) as calendar events, with the same UIDs and SEQUENCE as in the feeds."""
    from .calendar.feeds import booking_event
    from .calendar.ical import render_calendar

    info = summary(booking, lines)
    content = render_calendar(
        name=info["items"],
        description=info["ref"],
        events=[booking_event(line) for line in info["lines"]],
        method="PUBLISH",
    )
    return [f"{info['ref']}.ics", content.decode(), "text/calendar"]


def recipients(booking: Booking) -> list[str]:
    """The teacher it is for, and whoever booked on their behalf (nobody once they were erased)."""
    people = [booking.requester, booking.created_by if booking.created_by_id != booking.requester_id else None]
    return [person.email for person in people if person is not None]


def summary(booking: Booking, lines: list[Booking] | None) -> dict:
    """What ``email/_booking_summary.txt`` lists: one booking, or the lines of a basket under its reference."""
    lines = lines or [booking]
    basket = booking.request if booking.request_id and len(lines) > 1 else None
    return {
        "booking": booking,
        "lines": lines,
        "basket": basket,
        "ref": basket.reference if basket else booking.reference,
        "items": ", ".join(line.item_name for line in lines),
        "price": sum(line.price for line in lines),
    }


def booking_event(booking: Booking, kind: str, *, lines: list[Booking] | None = None) -> None:
    """One e-mail about ``booking``, or about several ``lines`` of one basket decided together."""
    assert kind in KINDS, kind
    lines = lines or [booking]
    manuals = []
    if kind == "approved":
        manuals = [
            (str(m), absolute_url(m.document.url))
            for line in lines
            if line.equipment_id
            for m in line.equipment.manuals.select_related("document")
        ]
    queue_email(
        to=recipients(booking),
        template=f"booking_{kind}",
        context={
            **summary(booking, lines),
            "url": absolute_url(reverse("booking:detail", args=[booking.reference])),
            "item_url": absolute_url(
                booking.equipment.get_absolute_url() if booking.equipment_id else booking.pack.get_absolute_url()
            ),
            "manuals": manuals,
        },
        attachments=[ics_attachment(booking, lines)] if kind in WITH_CALENDAR else None,
    )


def staff_new_request(booking: Booking, *, lines: list[Booking] | None = None) -> None:
    """Tell the owning centre's staff that a request (or the centre's lines of a basket) waits for them."""
    staff = Membership.objects.confirmed().filter(organisation_id=booking.owning_centre_id, role=Role.CENTRE_STAFF)
    queue_email(
        to=list(staff.values_list("user__email", flat=True)),
        template="booking_staff_request",
        context={**summary(booking, lines), "url": absolute_url(reverse("booking_admin:queue"))},
    )
