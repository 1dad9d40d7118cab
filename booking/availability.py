"""The booking app's answer to ``catalogue.availability``: reservations and unit status decide."""

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from catalogue.availability import Availability, BlockedPeriod
from catalogue.models import Unit

from .models import Reservation

REASONS = {
    Reservation.Kind.BOOKING: "booked",
    Reservation.Kind.POPUP: "popup",
    Reservation.Kind.MAINTENANCE: "maintenance",
}


class BookingAvailability(Availability):
    def free_units(self, first_day: date, last_day: date) -> QuerySet[Unit]:
        clash = Reservation.objects.filter(
            unit=OuterRef("pk"), is_active=True, blocked_start__lte=last_day, blocked_end__gte=first_day
        )
        return Unit.objects.in_service().filter(~Exists(clash))

    def blocked_periods(self, unit_ids: list[int], first_day: date, last_day: date) -> list[BlockedPeriod]:
        rows = Reservation.objects.filter(
            unit_id__in=unit_ids, is_active=True, blocked_start__lte=last_day, blocked_end__gte=first_day
        ).values_list("unit_id", "blocked_start", "blocked_end", "kind")
        return [BlockedPeriod(unit_id=u, first_day=a, last_day=b, reason=REASONS[k]) for u, a, b, k in rows]
