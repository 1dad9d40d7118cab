"""The core of the measures: whose figures (``Scope``), for which years (``Computation``), the
registry every measure function is entered in, and the query helpers they share.

A function gets a ``Computation`` (the scope, i.e. one centre or both jointly, and the counted
period of each year) and returns ``{year: value}`` for every year of it, in one query where it can
(conditional aggregates, one per year), so a chart over the years costs no more than one figure.
A value is an ``int`` (counts), a ``Decimal`` (percentages, one decimal) or ``None`` (no data,
e.g. no survey held).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from videnscenter.models import Organisation

from ...models import Area, EventPage, Measure
from ..periods import Period, moments, periods

Value = int | Decimal | None
Values = dict[int, Value]


@dataclass(frozen=True)
class Scope:
    """Whose figures: one centre, or both centres jointly (``centre`` is None)."""

    centre: Organisation | None
    centre_ids: frozenset[int]

    @property
    def is_joint(self) -> bool:
        return self.centre is None

    @property
    def label(self) -> str:
        return self.centre.name if self.centre else str(_("Both centres jointly"))

    @classmethod
    def of(cls, centre: Organisation | None) -> "Scope":
        if centre is not None:
            return cls(centre=centre, centre_ids=frozenset({centre.pk}))
        return cls(centre=None, centre_ids=frozenset(Organisation.objects.centres().values_list("pk", flat=True)))


class Computation:
    """The figures of one scope for a run of years, each measure computed at most once."""

    def __init__(self, scope: Scope, years, *, today: date):
        self.scope, self.today = scope, today
        self.periods: dict[int, Period] = periods(years, today)
        self._values: dict[str, Values] = {}
        self._shared: dict[str, Any] = {}

    @property
    def centre_ids(self) -> frozenset[int]:
        return self.scope.centre_ids

    def __getitem__(self, measure: str) -> Values:
        if measure not in self._values:
            self._values[measure] = MEASURES[measure].compute(self)
        return self._values[measure]

    def shared(self, name: str, compute: Callable[["Computation"], Any]) -> Any:
        """One pass over the data that several measures read (e.g. bookings and students), made once."""
        if name not in self._shared:
            self._shared[name] = compute(self)
        return self._shared[name]


@dataclass(frozen=True)
class MeasureInfo:
    measure: Measure
    area: Area
    percent: bool
    source: Any
    definition: Any
    compute: Callable[[Computation], Values]

    @property
    def label(self) -> str:
        return self.measure.label


MEASURES: dict[str, MeasureInfo] = {}


def measure(key: Measure, *, area: Area, source, definition, percent: bool = False):
    def register(func: Callable[[Computation], Values]) -> Callable[[Computation], Values]:
        MEASURES[key] = MeasureInfo(key, area, percent, source, definition, func)
        return func

    return register


# --- helpers -----------------------------------------------------------------------------------


def per_year(calc: Computation, queryset: QuerySet, aggregate: Callable[[Q], Any], *, field: str = "", when=None):
    """One query: ``aggregate(condition)`` for each year, the condition putting ``field`` in its period.

    ``field`` is a date field, or (``when="moment"``) a datetime field; ``when="year"`` compares an
    integer year field. Missing values (no rows) are 0.
    """

    def condition(year: int, period: Period) -> Q:
        if when == "year":
            return Q(**{field: year})
        first, last = moments(period) if when == "moment" else period
        upper = "lt" if when == "moment" else "lte"
        return Q(**{f"{field}__gte": first, f"{field}__{upper}": last})

    if not calc.periods:
        return {}
    result = queryset.aggregate(**{f"y{year}": aggregate(condition(year, p)) for year, p in calc.periods.items()})
    return {year: result[f"y{year}"] or 0 for year in calc.periods}


def percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def live_events(calc: Computation, event_type: str) -> QuerySet:
    return EventPage.objects.live().filter(event_type=event_type, centre_id__in=calc.centre_ids)


def count_rows(calc: Computation, queryset: QuerySet, field: str, *, when=None) -> Values:
    """Rows per year (the queryset must not join to many rows per row: nothing is made distinct)."""
    return per_year(calc, queryset, lambda q: Count("pk", filter=q), field=field, when=when)
