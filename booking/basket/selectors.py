"""Reads for the basket page: the session's lines as items, and how many units each line could have."""

from dataclasses import dataclass
from datetime import date

from catalogue.models import Equipment, MobilePack, Unit

from .. import engine
from .services import Line
from .session import key, stored


def lines(session) -> list[Line]:
    """The basket's lines, in the order they were added; items no longer bookable drop out. Two queries."""
    entries = stored(session)
    wanted = {kind: [e["id"] for e in entries if e.get("kind") == kind] for kind in ("equipment", "pack")}
    found = {
        "equipment": Equipment.objects.filter(pk__in=wanted["equipment"], is_active=True).in_bulk(),
        "pack": MobilePack.objects.filter(pk__in=wanted["pack"], is_active=True).in_bulk(),
    }
    result = []
    for entry in entries:
        item = found.get(entry.get("kind"), {}).get(entry.get("id"))
        if item is not None:
            result.append(Line(item, 1 if isinstance(item, MobilePack) else int(entry.get("quantity") or 1)))
    return result


@dataclass(frozen=True)
class LineAvailability:
    line: Line
    key: str
    total: int  # units in service (a pack: its units)
    free: int | None  # units free for the period; None while no period is chosen

    @property
    def enough(self) -> bool:
        needed = self.total if self.line.is_pack else self.line.quantity
        return self.free is not None and self.total > 0 and self.free >= needed


def availability(basket: list[Line], start: date | None, end: date | None, *, today: date) -> list[LineAvailability]:
    """Each line with its units in service and, for a chosen period, how many are free for it."""
    result = []
    for line in basket:
        units = list(engine.units_of(line.item).only("pk", "status"))
        in_service = [u for u in units if u.status == Unit.Status.IN_SERVICE]
        total = len(units) if line.is_pack else len(in_service)
        free = None
        if start and end and start <= end:
            first, last = engine.rules_for(line.item).blocked(start, end)
            free = len(engine.free_units(units, first, last, today=today))
        kind = "pack" if line.is_pack else "equipment"
        result.append(LineAvailability(line, key(kind, line.item.pk), total, free))
    return result
