"""The booking app's answer to ``catalogue.availability``: the reservation engine decides."""

from collections.abc import Sequence
from datetime import date

from django.db.models import QuerySet

from catalogue.availability import Availability
from catalogue.models import Equipment, Unit

from . import engine


class BookingAvailability(Availability):
    def bookable(self, equipment: QuerySet[Equipment], start: date, end: date, *, today: date) -> QuerySet[Equipment]:
        return engine.bookable_equipment(equipment, start, end, today=today)

    def free_per_day(
        self, equipment: Equipment, units: Sequence[Unit], first: date, last: date, *, today: date
    ) -> dict[date, int]:
        return engine.free_per_day(equipment, units, first, last, today=today)
