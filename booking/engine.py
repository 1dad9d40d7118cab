"""The reservation engine: the one answer to "which units are free when", and the only writer of reservations.

Four operations, in the spirit of pretix's locking and quotas:

- ``lock_units``: row locks on the units, in a fixed order (refuses to run outside a transaction);
- ``reserve``: hold units for an owner (a booking, a PopUp centre or a maintenance window);
  the only code that writes ``Reservation`` rows and the only place that turns the database's
  refusal (exclusion constraint, SQLite trigger) into a message;
- ``release``: free an owner's units, at once or from the day they came back;
- ``explain``: why units are not free, and what could be booked instead.

Every availability question (catalogue filter, equipment calendar, booking form, alternatives,
PopUps, maintenance, swaps) goes through ``LoanRules`` (working-day buffers, shortest notice,
longest loan) and ``Reservation.objects.overlapping``, so they all give the same answer.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Equipment, MobilePack, Unit
from videnscenter import versions
from videnscenter.errors import ServiceError

from .models import Booking, MaintenanceWindow, PopUpCentre, Reservation
from .workdays import add_months, add_working_days, is_working_day, touches_school_holiday, working_days_between

SEARCH_DAYS = 180  # how far ahead the "next free period" suggestion looks
FOREVER = date.max


# --- the rules of a loan -------------------------------------------------------------------------


@dataclass(frozen=True)
class LoanRules:
    """Working-day buffers around a loan, shortest notice (working days), longest loan (days) and
    how far ahead it can be booked (calendar months)."""

    before: int = 0
    after: int = 0
    notice: int = 0
    max_loan: int = 365
    horizon_months: int = 18

    def blocked(self, start: date, end: date) -> tuple[date, date]:
        """The days the units are taken for the loan ``start``..``end``: the loan plus its buffers."""
        return add_working_days(start, -self.before), add_working_days(end, self.after)

    def earliest_start(self, today: date) -> date:
        return add_working_days(today, self.notice)

    def latest_end(self, today: date) -> date:
        """The last day a loan booked ``today`` may reach."""
        return add_months(today, self.horizon_months)


NO_BUFFERS = LoanRules()


def rules_for(item: Equipment | MobilePack) -> LoanRules:
    """An equipment's own rules; a pack takes the strictest rules of the kinds in it."""
    if isinstance(item, Equipment):
        return LoanRules(
            item.buffer_before_days,
            item.buffer_after_days,
            item.min_notice_days,
            item.max_loan_days,
            item.booking_horizon_months,
        )
    kinds = [i.unit.equipment for i in item.items.select_related("unit__equipment")]
    return LoanRules(
        max((k.buffer_before_days for k in kinds), default=0),
        max((k.buffer_after_days for k in kinds), default=0),
        max((k.min_notice_days for k in kinds), default=0),
        min((k.max_loan_days for k in kinds), default=30),
        min((k.booking_horizon_months for k in kinds), default=LoanRules.horizon_months),
    )


def units_of(item: Equipment | MobilePack) -> QuerySet[Unit]:
    if isinstance(item, Equipment):
        return Unit.objects.filter(equipment=item)
    return Unit.objects.filter(pack_item__pack=item)


# --- why a unit is busy --------------------------------------------------------------------------


class Busy(models.TextChoices):
    """The one list of reasons a unit cannot be lent, with the words people read."""

    BOOKED = "booked", gettext_lazy("booked")
    TRANSIT = "transit", gettext_lazy("being packed, transported or cleaned")
    OVERDUE = "overdue", gettext_lazy("lent out and not returned yet")
    POPUP = "popup", gettext_lazy("at a PopUp centre")
    MAINTENANCE = "maintenance", gettext_lazy("in maintenance")
    OUT_OF_SERVICE = "out_of_service", gettext_lazy("out of service")


def busy_reason(reservation: Reservation, first: date, last: date, *, today: date) -> Busy:
    """Why ``reservation`` keeps its unit from a use in ``first``..``last``."""
    if reservation.kind == Reservation.Kind.MAINTENANCE:
        return Busy.MAINTENANCE
    if reservation.kind == Reservation.Kind.POPUP:
        return Busy.POPUP
    if getattr(reservation, "is_out", False) and reservation.end_date < today:
        return Busy.OVERDUE
    # Only the other loan's buffer days touch ours: the unit is being packed, moved or cleaned.
    return Busy.BOOKED if reservation.start_date <= last and reservation.end_date >= first else Busy.TRANSIT


def describe(reservation: Reservation) -> str:
    """Who holds the unit, for staff: "booking B-…", "the PopUp centre “…”" or "maintenance …"."""
    if reservation.kind == Reservation.Kind.BOOKING:
        return _("booking %(reference)s") % {"reference": reservation.booking.reference}
    if reservation.kind == Reservation.Kind.POPUP:
        return _("the PopUp centre “%(title)s”") % {"title": reservation.popup.title}
    return _("maintenance %(first)s–%(last)s") % {
        "first": reservation.start_date.strftime("%d.%m.%Y"),
        "last": reservation.end_date.strftime("%d.%m.%Y"),
    }


@dataclass
class Reason:
    unit: Unit
    kind: str
    first_day: date | None = None
    last_day: date | None = None

    @property
    def label(self) -> str:
        return str(Busy(self.kind).label)


@dataclass
class Alternatives:
    next_start: date | None = None
    next_end: date | None = None
    other_equipment: list[Equipment] = field(default_factory=list)


class NotAvailable(ServiceError):
    """Too few units are free. Carries the reasons per unit and what could be booked instead."""

    def __init__(
        self, message: str, *, reasons: list[Reason], alternatives: Alternatives, free: int = 0, total: int = 0
    ):
        super().__init__(message)
        self.reasons = reasons
        self.alternatives = alternatives
        self.free = free  # units free for the whole period ("4 of 9")
        self.total = total  # units in service (a pack: all of its units)


class Clash(ServiceError):
    """Reserving failed: other active reservations hold the units. Carries them for the caller to name."""

    def __init__(self, message: str, *, reservations: Sequence[Reservation] = ()):
        super().__init__(message)
        self.reservations = list(reservations)


# --- owners --------------------------------------------------------------------------------------

Owner = Booking | PopUpCentre | MaintenanceWindow


def _owned_by(owner: Owner) -> dict:
    """``Reservation`` fields that name ``owner``: its kind and the foreign key to it."""
    if isinstance(owner, Booking):
        return {"kind": Reservation.Kind.BOOKING, "booking": owner}
    if isinstance(owner, PopUpCentre):
        return {"kind": Reservation.Kind.POPUP, "popup": owner}
    return {"kind": Reservation.Kind.MAINTENANCE, "maintenance": owner}


def _busy_rows(unit_ids: Iterable[int], first: date, last: date, *, exclude: Owner | None, today: date):
    queryset = Reservation.objects.filter(unit_id__in=list(unit_ids)).overlapping(first, last, today=today)
    if exclude is not None and exclude.pk:
        queryset = queryset.exclude(**_owned_by(exclude))
    return queryset


def busy_intervals(unit_ids, first: date, last: date, *, exclude: Owner | None, today: date):
    """Blocked periods per unit touching ``first``..``last``; a loan not back in time blocks onwards."""
    busy: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for row in _busy_rows(unit_ids, first, last, exclude=exclude, today=today).values_list(
        "unit_id", "blocked_start", "blocked_end", "is_out", "end_date"
    ):
        unit_id, start, end, is_out, loan_end = row
        busy[unit_id].append((start, FOREVER if is_out and loan_end < today else end))
    return busy


def is_clear(intervals: list[tuple[date, date]], first: date, last: date) -> bool:
    return not any(a <= last and b >= first for a, b in intervals)


# --- reads ---------------------------------------------------------------------------------------


def free_units(
    units: Sequence[Unit], first: date, last: date, *, exclude: Owner | None = None, today: date
) -> list[Unit]:
    """The units in service with no active reservation in the blocked period ``first``..``last``."""
    in_service = [u for u in units if u.status == Unit.Status.IN_SERVICE]
    busy = busy_intervals([u.pk for u in in_service], first, last, exclude=exclude, today=today)
    return [u for u in in_service if is_clear(busy[u.pk], first, last)]


def prefer(units: Iterable[Unit], organisation) -> list[Unit]:
    """The order units are chosen in: units outside packs first (so packs stay whole), then units
    already at the school, then at its home centre, then the rest; by asset tag within each."""

    def distance(unit: Unit) -> int:
        location = unit.current_location
        if location is None:
            return 2
        if location.organisation_id == organisation.pk:
            return 0
        return 1 if location.organisation_id == organisation.home_centre_id else 2

    return sorted(units, key=lambda u: (hasattr(u, "pack_item"), distance(u), u.asset_tag))


def free_periods(
    unit_ids: Sequence[int],
    needed: int,
    start: date,
    length_days: int,
    rules: LoanRules,
    *,
    today: date,
    exclude: Owner | None = None,
):
    """Loans of ``length_days`` days, from ``start`` or the earliest allowed day on, for which
    ``needed`` of ``unit_ids`` are free (all of them for a pack), first first, within SEARCH_DAYS.

    A loan asked for school days gets school days: one of a week or more starting on a working day
    keeps its weekday (a Monday–Friday loan is offered another Monday–Friday), a shorter one starts
    on a working day, and none reaches into the schools' Christmas holidays unless the loan asked
    for did. One query, however many periods are read.
    """
    if not unit_ids or needed > len(unit_ids) or length_days < 1:
        return
    asked_end = start + timedelta(days=length_days - 1)
    school_days = is_working_day(start) and not touches_school_holiday(start, asked_end)
    candidate = max(start, rules.earliest_start(today))
    horizon = candidate + timedelta(days=SEARCH_DAYS + length_days + 60)
    busy = busy_intervals(unit_ids, candidate - timedelta(days=60), horizon, exclude=exclude, today=today)
    for _day in range(SEARCH_DAYS):
        end = candidate + timedelta(days=length_days - 1)
        fits = not school_days or (
            (candidate.weekday() == start.weekday() if length_days >= 5 else is_working_day(candidate))
            and not touches_school_holiday(candidate, end)
        )
        first, last = rules.blocked(candidate, end)
        if fits and sum(1 for pk in unit_ids if is_clear(busy[pk], first, last)) >= needed:
            yield candidate, end
        candidate += timedelta(days=1)


def next_free_period(
    unit_ids: Sequence[int],
    needed: int,
    start: date,
    length_days: int,
    rules: LoanRules,
    *,
    today: date,
    exclude: Owner | None = None,
) -> tuple[date, date] | None:
    """The first of ``free_periods``, or None."""
    return next(free_periods(unit_ids, needed, start, length_days, rules, today=today, exclude=exclude), None)


def months_ahead(today: date, day: date) -> int:
    """The fewest calendar months ahead of ``today`` that reach ``day`` (0 for today or earlier)."""
    months = max(0, (day.year - today.year) * 12 + day.month - today.month - 1)
    while add_months(today, months) < day:
        months += 1
    return months


def bookable_equipment(queryset: QuerySet[Equipment], start: date, end: date, *, today: date) -> QuerySet[Equipment]:
    """The equipment of ``queryset`` of which a teacher can book one unit for ``start``..``end``.

    Applies each equipment's own buffers, shortest notice and longest loan, exactly as a booking
    request does. [speed] The free kinds are worked out once, here (one query per group of
    buffers: the units in service minus the units busy in the blocked period, which the indexes
    answer), and the result filters by primary key: the list's count and its page then cost
    nothing more.
    """
    if end < start or start < today:
        return queryset.none()
    notice_days = working_days_between(today + timedelta(days=1), start)
    queryset = queryset.filter(
        min_notice_days__lte=notice_days,
        max_loan_days__gte=(end - start).days + 1,
        booking_horizon_months__gte=months_ahead(today, end),
    )
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pk, before, after in queryset.order_by().values_list("pk", "buffer_before_days", "buffer_after_days"):
        groups[before, after].append(pk)
    windows = {group: LoanRules(*group).blocked(start, end) for group in groups}
    if not windows:
        return queryset.none()
    # Two reads whatever the number of kinds: the busy periods touching the widest window, and
    # the units in service of the kinds asked about; the rest is set arithmetic.
    first = min(window[0] for window in windows.values())
    last = max(window[1] for window in windows.values())
    busy: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for rows in Reservation.objects.busy_periods(first, last, today=today):
        for unit_id, blocked_start, blocked_end, is_out, loan_end in rows:
            busy[unit_id].append((blocked_start, FOREVER if is_out and loan_end < today else blocked_end))
    units: dict[int, list[int]] = defaultdict(list)
    kinds = [pk for members in groups.values() for pk in members]
    for unit_id, kind in Unit.objects.in_service().filter(equipment_id__in=kinds).values_list("pk", "equipment_id"):
        units[kind].append(unit_id)
    free = {
        kind
        for group, members in groups.items()
        for kind in members
        if any(is_clear(busy[unit], *windows[group]) for unit in units[kind])
    }
    return queryset.filter(pk__in=sorted(free))


def free_per_day(equipment: Equipment, units: Sequence[Unit], first: date, last: date, *, today: date):
    """For each day ``first``..``last``: how many units could be lent for a one-day loan that day.

    Days before the earliest allowed start count none. Two queries at most, whatever the range.
    """
    rules = rules_for(equipment)
    in_service = [u.pk for u in units if u.status == Unit.Status.IN_SERVICE]
    window_first, window_last = rules.blocked(first, last)
    busy = busy_intervals(in_service, window_first, window_last, exclude=None, today=today)
    earliest = rules.earliest_start(today)
    counts: dict[date, int] = {}
    day = first
    while day <= last:
        if day < earliest:
            counts[day] = 0
        else:
            a, b = rules.blocked(day, day)
            counts[day] = sum(1 for pk in in_service if is_clear(busy[pk], a, b))
        day += timedelta(days=1)
    return counts


def free_equipment_like(item: Equipment, start: date, end: date, *, today: date, limit: int = 5) -> list[Equipment]:
    """Other active equipment of the same category that a teacher could book for the same loan."""
    others = Equipment.objects.filter(category_id=item.category_id, is_active=True).exclude(pk=item.pk)
    if item.placement != Equipment.Placement.LAB_ONLY:
        # Whoever needs equipment at the school cannot use what never leaves the Praksis Lab.
        others = others.exclude(placement=Equipment.Placement.LAB_ONLY)
    return list(bookable_equipment(others, start, end, today=today).order_by("name")[:limit])


def explain(
    *,
    item: Equipment | MobilePack,
    units: Sequence[Unit],
    start: date,
    end: date,
    needed: int,
    today: date,
    exclude: Owner | None = None,
) -> NotAvailable:
    """Why ``needed`` of ``units`` cannot be had for the loan, and what could be booked instead.

    For a pack ``needed`` is every unit of it: the next free period is one where the whole pack is free.
    """
    rules = rules_for(item)
    first, last = rules.blocked(start, end)
    found = [Reason(u, Busy.OUT_OF_SERVICE) for u in units if u.status != Unit.Status.IN_SERVICE]
    by_id = {u.pk: u for u in units if u.status == Unit.Status.IN_SERVICE}
    clashes = _busy_rows(by_id, first, last, exclude=exclude, today=today).order_by("blocked_start", "pk")
    for r in clashes:
        found.append(Reason(by_id[r.unit_id], busy_reason(r, first, last, today=today), r.blocked_start, r.blocked_end))
    alternatives = Alternatives()
    period = next_free_period(list(by_id), needed, start, (end - start).days + 1, rules, today=today, exclude=exclude)
    if period:
        alternatives.next_start, alternatives.next_end = period
    if isinstance(item, Equipment):
        alternatives.other_equipment = free_equipment_like(item, start, end, today=today)
    if needed == 1 or isinstance(item, MobilePack):
        message = _("%(item)s is not available in that period.") % {"item": item.name}
    else:
        message = _("Not enough units of %(item)s are available in that period.") % {"item": item.name}
    taken = {reason.unit.pk for reason in found}
    return NotAvailable(
        message,
        reasons=found,
        alternatives=alternatives,
        free=sum(1 for pk in by_id if pk not in taken),
        total=len(units) if isinstance(item, MobilePack) else len(by_id),
    )


# --- the writes ----------------------------------------------------------------------------------


def lock_units(unit_ids: Iterable[int]) -> list[Unit]:
    """Lock the units' rows in a fixed order, so two requests for the same units queue up.

    On SQLite the IMMEDIATE transaction has already serialised writers. Must run inside a transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_units() must run inside transaction.atomic()")
    return list(
        Unit.objects.select_for_update(of=("self",))
        .filter(pk__in=list(unit_ids))
        .order_by("pk")
        .select_related("equipment", "current_location", "pack_item")
    )


@dataclass(frozen=True)
class Hold:
    """One unit to reserve: the use itself (``start``..``end``) and the days it blocks (``first``..``last``)."""

    unit: Unit
    start: date
    end: date
    first: date
    last: date


def hold(unit: Unit, start: date, end: date, rules: LoanRules = NO_BUFFERS) -> Hold:
    return Hold(unit, start, end, *rules.blocked(start, end))


def reserve(*, owner: Owner, holds: Sequence[Hold], message: str, today: date, out: bool = False) -> None:
    """Make ``holds`` the owner's active reservations, replacing any it had.

    Locks the units and checks them again (the owner's own reservations do not count). Raises
    ``Clash`` with ``message`` and the clashing reservations, and stores nothing, when any unit is
    taken. The database (exclusion constraint or trigger) refuses an overlap that slipped past.
    """
    lock_units({h.unit.pk for h in holds})
    if holds:
        first, last = min(h.first for h in holds), max(h.last for h in holds)
        rows = list(
            _busy_rows({h.unit.pk for h in holds}, first, last, exclude=owner, today=today).select_related(
                "booking", "popup"
            )
        )
        clashes = [
            r
            for h in holds
            for r in rows
            if r.unit_id == h.unit.pk
            and r.blocked_start <= h.last
            and (r.blocked_end >= h.first or (r.is_out and r.end_date < today))
        ]
        if clashes:
            raise Clash(message, reservations=clashes)
    owned = _owned_by(owner)
    try:
        with transaction.atomic():
            Reservation.objects.filter(**owned).delete()
            Reservation.objects.bulk_create(
                Reservation(
                    unit=h.unit,
                    start_date=h.start,
                    end_date=h.end,
                    blocked_start=h.first,
                    blocked_end=h.last,
                    is_out=out,
                    **owned,
                )
                for h in holds
            )
    except IntegrityError as exc:
        raise Clash(message) from exc
    versions.bump(versions.BOOKINGS)  # [speed] cached pages and feeds that show availability change


def release(*, owner: Owner, back_on: date | None = None, rules: LoanRules = NO_BUFFERS) -> None:
    """Free the owner's units.

    Without ``back_on`` at once (cancelled, rejected, removed). With ``back_on`` the units came
    back that day: a loan back early ends that day and blocks only its after-buffer; a loan back
    late keeps the days it really had. Either way the units are no longer out.
    """
    reservations = Reservation.objects.filter(is_active=True, **_owned_by(owner))
    versions.bump(versions.BOOKINGS)  # [speed] cached pages and feeds that show availability change
    if back_on is None:
        reservations.update(is_active=False, is_out=False)
        return
    for reservation in reservations:
        reservation.is_out = False
        if back_on < reservation.end_date:
            reservation.end_date = max(back_on, reservation.start_date)
            reservation.blocked_end = max(add_working_days(reservation.end_date, rules.after), reservation.end_date)
        reservation.save(update_fields=["is_out", "end_date", "blocked_end"])
