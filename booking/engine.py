"""Availability arithmetic for the booking services: blocked periods, free units, reasons, alternatives."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q

from catalogue.models import Equipment, MobilePack, Unit
from videnscenter.errors import ServiceError

from .models import Booking, Reservation
from .workdays import add_working_days

SEARCH_DAYS = 180  # how far ahead the "next free period" suggestion looks


@dataclass(frozen=True)
class Buffers:
    before: int
    after: int

    def blocked(self, start: date, end: date) -> tuple[date, date]:
        return add_working_days(start, -self.before), add_working_days(end, self.after)


def buffers_for(*, equipment: Equipment | None = None, pack: MobilePack | None = None) -> Buffers:
    if equipment is not None:
        return Buffers(equipment.buffer_before_days, equipment.buffer_after_days)
    kinds = [item.unit.equipment for item in pack.items.select_related("unit__equipment")]
    return Buffers(
        max((k.buffer_before_days for k in kinds), default=0), max((k.buffer_after_days for k in kinds), default=0)
    )


def units_for(*, equipment: Equipment | None = None, pack: MobilePack | None = None):
    if equipment is not None:
        return Unit.objects.filter(equipment=equipment)
    return Unit.objects.filter(pack_item__pack=pack)


def overlapping(unit_ids, first: date, last: date, *, exclude_booking: Booking | None = None):
    """Active reservations of these units whose blocked period touches ``first``..``last``."""
    queryset = Reservation.objects.filter(
        unit_id__in=unit_ids, is_active=True, blocked_start__lte=last, blocked_end__gte=first
    )
    if exclude_booking is not None and exclude_booking.pk:
        queryset = queryset.exclude(booking=exclude_booking)
    return queryset


def free_unit_ids(unit_ids, first: date, last: date, *, exclude_booking: Booking | None = None) -> list[int]:
    busy = set(overlapping(unit_ids, first, last, exclude_booking=exclude_booking).values_list("unit_id", flat=True))
    return [pk for pk in unit_ids if pk not in busy]


def prefer_near(units: list[Unit], organisation) -> list[Unit]:
    """Units already at the school first, then at its home centre, then the rest (by asset tag)."""

    def distance(unit: Unit) -> int:
        location = unit.current_location
        if location is None:
            return 2
        if location.organisation_id == organisation.pk:
            return 0
        return 1 if location.organisation_id == organisation.home_centre_id else 2

    return sorted(units, key=lambda u: (distance(u), u.asset_tag))


@dataclass
class Reason:
    unit: Unit
    kind: str  # "booked", "transit", "popup", "maintenance", "out_of_service"
    first_day: date | None = None
    last_day: date | None = None


@dataclass
class Alternatives:
    next_start: date | None = None
    next_end: date | None = None
    other_equipment: list[Equipment] = field(default_factory=list)


def reasons(units: list[Unit], first: date, last: date, *, exclude_booking: Booking | None = None) -> list[Reason]:
    """Why each unit cannot be used in the blocked period ``first``..``last``."""
    found = []
    for unit in units:
        if unit.status != Unit.Status.IN_SERVICE:
            found.append(Reason(unit, "out_of_service"))
    in_service = [u for u in units if u.status == Unit.Status.IN_SERVICE]
    by_id = {u.pk: u for u in in_service}
    clashes = overlapping(list(by_id), first, last, exclude_booking=exclude_booking).order_by("blocked_start")
    for r in clashes:
        if r.kind == Reservation.Kind.MAINTENANCE:
            kind = "maintenance"
        elif r.kind == Reservation.Kind.POPUP:
            kind = "popup"
        else:
            # Only the other loan's buffer days touch ours: the unit is being packed or transported.
            kind = "booked" if r.start_date <= last and r.end_date >= first else "transit"
        found.append(Reason(by_id[r.unit_id], kind, r.blocked_start, r.blocked_end))
    return found


def next_free_period(
    unit_ids: list[int], needed: int, start: date, length_days: int, buffers: Buffers, *, earliest: date
) -> tuple[date, date] | None:
    """The first loan of ``length_days`` days from ``max(start, earliest)`` with ``needed`` free units."""
    if needed > len(unit_ids):
        return None
    horizon_end = start + timedelta(days=SEARCH_DAYS + length_days + 30)
    busy: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for r in overlapping(unit_ids, start - timedelta(days=30), horizon_end):
        busy[r.unit_id].append((r.blocked_start, r.blocked_end))
    candidate = max(start, earliest)
    for _ in range(SEARCH_DAYS):
        first, last = buffers.blocked(candidate, candidate + timedelta(days=length_days - 1))
        free = sum(1 for pk in unit_ids if not any(a <= last and b >= first for a, b in busy[pk]))
        if free >= needed:
            return candidate, candidate + timedelta(days=length_days - 1)
        candidate += timedelta(days=1)
    return None


def free_equipment_in_category(equipment: Equipment, start: date, end: date, limit: int = 5) -> list[Equipment]:
    """Other active equipment of the same category with at least one unit free for the loan."""
    busy_units = Reservation.objects.filter(is_active=True, blocked_start__lte=end, blocked_end__gte=start).values(
        "unit_id"
    )
    return list(
        Equipment.objects.filter(category_id=equipment.category_id, is_active=True)
        .exclude(pk=equipment.pk)
        .filter(Q(units__status=Unit.Status.IN_SERVICE) & ~Q(units__pk__in=busy_units))
        .distinct()
        .order_by("name")[:limit]
    )


def insert_reservations(chosen, *, start: date, end: date, message: str, **owner) -> None:
    """Store active reservations ``(unit, (blocked_start, blocked_end))`` for the loan ``start``..``end``.

    ``owner`` is the kind and its object, e.g. ``kind="booking", booking=b``. On PostgreSQL the
    exclusion constraint may still find a clash the row locks did not (a writer outside the
    services); that becomes a ServiceError with ``message`` and nothing is stored.
    """
    try:
        with transaction.atomic():
            Reservation.objects.bulk_create(
                Reservation(unit=unit, start_date=start, end_date=end, blocked_start=first, blocked_end=last, **owner)
                for unit, (first, last) in chosen
            )
    except IntegrityError as exc:
        raise ServiceError(message) from exc
