"""Reads for maintenance: the bookings and PopUp centres that hold a unit that is out of service."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from catalogue.models import Unit

from .. import engine, lifecycle
from ..models import Booking, PopUpCentre, Reservation


@dataclass
class BrokenBooking:
    """A booking that holds a unit which is out of service, and the units that could replace it."""

    booking: Booking
    substitutes: list[Unit] = field(default_factory=list)
    reservation: Reservation | None = None  # the broken unit's reservation: its blocked period


def broken_bookings(*, unit: Unit, today: date | None = None) -> list[BrokenBooking]:
    """Open bookings with a reservation of ``unit`` that has not ended, with substitute units.

    A fixed number of queries, however many bookings are affected.
    """
    today = today or timezone.localdate()
    reservations = list(
        Reservation.objects.filter(unit=unit, kind=Reservation.Kind.BOOKING, booking__status__in=lifecycle.OPEN)
        .overlapping(today, engine.FOREVER, today=today)
        .select_related("booking__organisation", "booking__equipment", "booking__pack")
        .order_by("blocked_start", "pk")
    )
    if not reservations:
        return []
    others = list(
        Unit.objects.in_service()
        .filter(equipment_id=unit.equipment_id)
        .exclude(pk=unit.pk)
        .select_related("current_location", "equipment", "pack_item")
    )
    first = min(r.blocked_start for r in reservations)
    last = max(r.blocked_end for r in reservations)
    busy = engine.busy_intervals([u.pk for u in others], first, last, exclude=None, today=today)
    return [
        BrokenBooking(
            r.booking,
            engine.prefer(
                [u for u in others if engine.is_clear(busy[u.pk], r.blocked_start, r.blocked_end)],
                r.booking.organisation,
            ),
            r,
        )
        for r in reservations
    ]


def popups_holding(*, unit: Unit, today: date | None = None) -> list[PopUpCentre]:
    """Scheduled PopUp centres that have not ended and hold ``unit`` (they have no swap; staff re-plan them)."""
    today = today or timezone.localdate()
    holding = Reservation.objects.filter(unit=unit, kind=Reservation.Kind.POPUP).overlapping(
        today, engine.FOREVER, today=today
    )
    return list(
        PopUpCentre.objects.filter(status=PopUpCentre.Status.SCHEDULED, pk__in=holding.values("popup_id")).order_by(
            "start_date"
        )
    )
