"""Building blocks for report tests: rows the measures count, made directly with known dates."""

import itertools
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from booking.models import Booking, PopUpCentre, Reservation
from cms.models import EventIndexPage, EventPage
from tests.factories import add_page

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
_references = itertools.count(1)


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=COPENHAGEN)


def event_on(day: date, event_type: str, *, centre, municipalities=(), slug=None, **fields) -> EventPage:
    page = EventPage(
        title=f"{event_type} {day}",
        slug=slug or f"{event_type}-{day.isoformat()}-{centre.slug}",
        event_type=event_type,
        start=at(day, 10),
        end=at(day, 12),
        intro="Et arrangement.",
        location="Praksis Lab",
        centre=centre,
        **fields,
    )
    page.municipalities = list(municipalities)
    return add_page(EventIndexPage.objects.get(), page)


def loan(
    unit,
    school,
    teacher,
    start: date,
    end: date,
    *,
    status=Booking.Status.RETURNED,
    students=None,
    active=True,
) -> Booking:
    """A booking of one unit, with its reservation (no buffers), made directly."""
    booking = Booking.objects.create(
        reference=f"T-{next(_references):05d}",
        requester=teacher,
        created_by=teacher,
        organisation=school,
        owning_centre_id=unit.equipment.owning_centre_id,
        equipment=unit.equipment,
        status=status,
        start_date=start,
        end_date=end,
        student_count=students,
    )
    Reservation.objects.create(
        unit=unit,
        kind=Reservation.Kind.BOOKING,
        booking=booking,
        start_date=start,
        end_date=end,
        blocked_start=start,
        blocked_end=end,
        is_active=active,
    )
    return booking


def popup_at(host, centre, start: date, end: date, *, status=PopUpCentre.Status.SCHEDULED, slug=None) -> PopUpCentre:
    popup = PopUpCentre.objects.create(
        title=f"PopUp på {host.name}",
        slug=slug or f"popup-{host.slug}-{start.isoformat()}",
        host=host,
        owning_centre=centre,
        start_date=start,
        end_date=end,
    )
    PopUpCentre.objects.filter(pk=popup.pk).update(status=status)  # the service's outcome, without reserving
    popup.refresh_from_db()
    return popup
