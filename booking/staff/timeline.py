"""The staff timeline of one equipment: a row per unit, a cell per day, built from reservations.

Pure: takes units and reservations (anything with the right attributes) and returns plain
rows; the view fetches them and the template only formats them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .workdays import is_working_day

DEFAULT_DAYS = 28

FREE = "free"
BOOKED = "booked"
BUFFER = "buffer"
POPUP = "popup"
MAINTENANCE = "maintenance"
OUT_OF_SERVICE = "out_of_service"

# When a unit's reservations overlap on a day (they should not, but SQLite has no exclusion
# constraint), the cell shows the one that matters most to the person planning.
PRIORITY = {BOOKED: 5, MAINTENANCE: 4, POPUP: 3, BUFFER: 2, OUT_OF_SERVICE: 1, FREE: 0}

STATE_LABELS = {
    FREE: pgettext_lazy("unit state", "Free"),
    BOOKED: _("Booked"),
    BUFFER: _("Buffer (packing, transport, cleaning)"),
    POPUP: _("PopUp centre"),
    MAINTENANCE: _("Maintenance"),
    OUT_OF_SERVICE: _("Out of service"),
}

_LOAN_STATE = {"booking": BOOKED, "popup": POPUP, "maintenance": MAINTENANCE}


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
        return str(STATE_LABELS[self.state])


@dataclass
class Row:
    unit: Any
    cells: list[Cell] = field(default_factory=list)


def days_from(first: date, count: int = DEFAULT_DAYS) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


def _state_on(reservation: Any, day: date) -> str:
    if reservation.start_date <= day <= reservation.end_date:
        return _LOAN_STATE.get(reservation.kind, BOOKED)
    return BUFFER


def timeline_rows(
    units: Iterable[Any],
    reservations: Iterable[Any],
    first: date,
    count: int = DEFAULT_DAYS,
    *,
    in_service: str = "in_service",
) -> list[Row]:
    """One row per unit (in the given order) with ``count`` cells from ``first``.

    ``units`` need ``pk`` and ``status``; ``reservations`` need ``unit_id``, ``kind``,
    ``start_date``, ``end_date``, ``blocked_start``, ``blocked_end`` and optionally ``booking``
    (with ``reference``) and ``popup`` (with ``title``). Inactive reservations
    (``is_active`` false) are ignored. A unit that is not in service and has no reservation on a
    day is shown as out of service that day.
    """
    days = days_from(first, count)
    last = days[-1] if days else first
    rows = []
    by_unit: dict[int, list[Any]] = {}
    for reservation in reservations:
        if not getattr(reservation, "is_active", True):
            continue
        if reservation.blocked_end < first or reservation.blocked_start > last:
            continue
        by_unit.setdefault(reservation.unit_id, []).append(reservation)
    for unit in units:
        base = FREE if unit.status == in_service else OUT_OF_SERVICE
        cells = [Cell(day=day, state=base) for day in days]
        for reservation in by_unit.get(unit.pk, []):
            booking = getattr(reservation, "booking", None)
            popup = getattr(reservation, "popup", None)
            for cell in cells:
                if not reservation.blocked_start <= cell.day <= reservation.blocked_end:
                    continue
                state = _state_on(reservation, cell.day)
                if PRIORITY[state] > PRIORITY[cell.state]:
                    cell.state = state
                    cell.reference = booking.reference if booking is not None else ""
                    cell.label = popup.title if popup is not None else ""
        rows.append(Row(unit=unit, cells=cells))
    return rows
