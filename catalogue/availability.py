"""Which units are free when.

The catalogue asks; the booking app answers. ``catalogue`` must never import
``booking``, so booking installs its own ``Availability`` with ``set_availability``
when it starts. Until then every unit in service counts as free.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from .models import Unit


@dataclass(frozen=True)
class BlockedPeriod:
    unit_id: int
    first_day: date
    last_day: date  # inclusive
    reason: str  # e.g. "booked", "maintenance", "popup", "transit"


class Availability:
    """Default answers, with no bookings: units in service are free, nothing is blocked."""

    def free_units(self, first_day: date, last_day: date) -> QuerySet[Unit]:
        """Units that can be lent for the whole period ``first_day``..``last_day`` (inclusive)."""
        return Unit.objects.in_service()

    def blocked_periods(self, unit_ids: list[int], first_day: date, last_day: date) -> list[BlockedPeriod]:
        return []


_current: Availability = Availability()


def set_availability(provider: Availability) -> None:
    global _current
    _current = provider


def availability() -> Availability:
    return _current


def daily_free_counts(
    unit_ids: list[int], blocked: list[BlockedPeriod], first_day: date, days: int
) -> list[tuple[date, int]]:
    """For each day, how many of ``unit_ids`` are not blocked. Pure: no database."""
    busy: dict[date, set[int]] = {}
    for period in blocked:
        day = max(period.first_day, first_day)
        while day <= period.last_day and (day - first_day).days < days:
            busy.setdefault(day, set()).add(period.unit_id)
            day += timedelta(days=1)
    total = set(unit_ids)
    return [
        (first_day + timedelta(days=n), len(total - busy.get(first_day + timedelta(days=n), set())))
        for n in range(days)
    ]
