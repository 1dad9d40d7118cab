"""The staff timeline of one equipment: a row per unit, a cell per day, built from reservations.

Pure: takes units and reservations (anything with the right attributes) and returns plain
rows; the view fetches them and the template only formats them. Each cell says why the unit
is busy that day in the engine's own words (``engine.Busy``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

from ..engine import FOREVER, Busy, busy_reason
from ..workdays import is_working_day

DEFAULT_DAYS = 28

FREE = "free"
BOOKED, TRANSIT, OVERDUE = Busy.BOOKED.value, Busy.TRANSIT.value, Busy.OVERDUE.value
POPUP, MAINTENANCE, OUT_OF_SERVICE = Busy.POPUP.value, Busy.MAINTENANCE.value, Busy.OUT_OF_SERVICE.value

# When a unit's reservations overlap on a day (the database refuses it, but the grid must still
# be unambiguous), the cell shows the one that matters most to the person planning.
PRIORITY = {OVERDUE: 6, BOOKED: 5, MAINTENANCE: 4, POPUP: 3, TRANSIT: 2, OUT_OF_SERVICE: 1, FREE: 0}
STATES = [FREE, BOOKED, TRANSIT, OVERDUE, POPUP, MAINTENANCE, OUT_OF_SERVICE]


def state_label(state: str) -> str:
    return str(pgettext_lazy("unit state", "Free")) if state == FREE else capfirst(str(Busy(state).label))


@dataclass
class Cell:
    day: date
    state: str = FREE
    reference: str = ""  # the booking's reference, when the cell belongs to a booking
    label: str = ""  # e.g. the PopUp centre's title

    @property
    def is_working_day(self) -> bool:
        return is_working_day(self.day)

    @property
    def state_label(self) -> str:
        return state_label(self.state)


@dataclass
class Row:
    unit: Any
    cells: list[Cell] = field(default_factory=list)


def legend() -> list[tuple[str, str]]:
    return [(state, state_label(state)) for state in STATES]


def days_from(first: date, count: int = DEFAULT_DAYS) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


def timeline_rows(
    units: Iterable[Any],
    reservations: Iterable[Any],
    first: date,
    count: int = DEFAULT_DAYS,
    *,
    in_service: str = "in_service",
    today: date | None = None,
) -> list[Row]:
    """One row per unit (in the given order) with ``count`` cells from ``first``.

    ``units`` need ``pk`` and ``status``; ``reservations`` need ``unit_id``, ``kind``,
    ``start_date``, ``end_date``, ``blocked_start``, ``blocked_end`` and optionally ``is_out``,
    ``booking`` (with ``reference``) and ``popup`` (with ``title``). Inactive reservations
    (``is_active`` false) are ignored. A loan that is out after its last day (``today`` given)
    is overdue from then on. A unit that is not in service and has no reservation on a day is
    shown as out of service that day.
    """
    days = days_from(first, count)
    last = days[-1] if days else first
    today = today or date.min
    rows = []
    by_unit: dict[int, list[Any]] = {}
    for reservation in reservations:
        if not getattr(reservation, "is_active", True):
            continue
        if reservation.blocked_start > last:
            continue
        by_unit.setdefault(reservation.unit_id, []).append(reservation)
    for unit in units:
        base = FREE if unit.status == in_service else OUT_OF_SERVICE
        cells = [Cell(day=day, state=base) for day in days]
        for reservation in by_unit.get(unit.pk, []):
            overdue = getattr(reservation, "is_out", False) and reservation.end_date < today
            until = FOREVER if overdue else reservation.blocked_end
            booking = getattr(reservation, "booking", None)
            popup = getattr(reservation, "popup", None)
            for cell in cells:
                if not reservation.blocked_start <= cell.day <= until:
                    continue
                if overdue and cell.day > reservation.end_date:
                    state = OVERDUE
                else:
                    state = busy_reason(reservation, cell.day, cell.day, today=date.min).value
                if PRIORITY[state] > PRIORITY[cell.state]:
                    cell.state = state
                    cell.reference = booking.reference if booking is not None else ""
                    cell.label = popup.title if popup is not None else ""
        rows.append(Row(unit=unit, cells=cells))
    return rows
