"""Which equipment is free when.

The catalogue asks; the booking app answers. ``catalogue`` must never import ``booking``, so
booking installs its own ``Availability`` with ``set_availability`` when it starts (its answer
comes from the reservation engine, with each equipment's buffers, notice and longest loan).
Until then every unit in service counts as free.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from .models import Equipment, Unit


class Availability:
    """Default answers, with no bookings: units in service are free on every day."""

    def bookable(self, equipment: QuerySet[Equipment], start: date, end: date, *, today: date) -> QuerySet[Equipment]:
        """The equipment of which a teacher can book one unit for the loan ``start``..``end``."""
        return equipment.filter(Exists(Unit.objects.in_service().filter(equipment=OuterRef("pk"))))

    def free_per_day(
        self, equipment: Equipment, units: Sequence[Unit], first: date, last: date, *, today: date
    ) -> dict[date, int]:
        """For each day ``first``..``last``: how many units could be lent for a one-day loan that day."""
        free = sum(1 for u in units if u.status == Unit.Status.IN_SERVICE)
        return {first + timedelta(days=n): free for n in range((last - first).days + 1)}


_current: Availability = Availability()


def set_availability(provider: Availability) -> None:
    global _current
    _current = provider


def availability() -> Availability:
    return _current
