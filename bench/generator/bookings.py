"""200,000 booking lines (one reservation of one unit each) over three years, never double-booking a unit.

Planning is pure (dates and ids, no database): each equipment kind gets a stream of requests in
date order; a request takes the free units whose last blocked period ended before its own
starts, so no unit ever has two overlapping blocked periods, active or not. The blocked period
is the engine's own ``Buffers.blocked`` (loan plus working-day buffers).
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from booking import engine, lifecycle
from booking.calendar import feeds
from booking.models import Booking, Reservation
from booking.services import REFERENCE_ALPHABET
from booking.workdays import add_working_days

from .catalogue import KindPlan
from .common import BATCH, batched, explicit_timestamps
from .people import People
from .words import CLASSES

S = Booking.Status
PAST_YEARS_DAYS, FUTURE_DAYS = 730, 365
LENGTHS = list(range(1, 11))
LENGTH_WEIGHTS = [14, 12, 12, 10, 16, 6, 8, 6, 4, 12]
QUANTITIES = [1, 2, 3, 4, 6]
QUANTITY_WEIGHTS = [72, 14, 7, 4, 3]
FEED_EVENTS = 5000  # at scale 1.0, in the bench-feed school's calendar feed


@dataclass
class Loan:
    kind: KindPlan
    unit_ids: list[int]
    start: date
    end: date
    blocked: tuple[date, date]
    status: str = S.REQUESTED
    created_at: datetime | None = None
    updated_at: datetime | None = None
    sequence: int = 0
    organisation_id: int = 0


# --- planning (pure) ---------------------------------------------------------------------------


class BlockedPeriods:
    """``engine.LoanRules.blocked``, remembered: the same few thousand loans come up again and again."""

    def __init__(self):
        self.memo: dict[tuple[int, int, date, date], tuple[date, date]] = {}

    def __call__(self, before: int, after: int, start: date, end: date) -> tuple[date, date]:
        key = (before, after, start, end)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = engine.LoanRules(before, after).blocked(start, end)
        return found


def _mean_quantity(units: int) -> float:
    return sum(min(q, units) * w for q, w in zip(QUANTITIES, QUANTITY_WEIGHTS, strict=True)) / sum(QUANTITY_WEIGHTS)


def _sweep(kinds: list[KindPlan], rng: random.Random, per_weight: float, first_day: date, days: int, blocked):
    loans: list[Loan] = []
    last_day = first_day + timedelta(days=days)
    for kind in kinds:
        count = len(kind.units)
        rate = per_weight * kind.weight * count / _mean_quantity(count)  # requests per day
        last_end = dict.fromkeys((pk for pk, _ in kind.units), date.min)
        offset = rng.expovariate(rate)
        while offset < days:
            start = first_day + timedelta(days=int(offset))
            offset += rng.expovariate(rate)
            if start.weekday() >= 5:  # loans start on a weekday; monotone, so the stream stays in order
                start += timedelta(days=7 - start.weekday())
            end = start + timedelta(days=rng.choices(LENGTHS, LENGTH_WEIGHTS)[0] - 1)
            wanted = rng.choices(QUANTITIES, QUANTITY_WEIGHTS)[0]
            if end >= last_day:
                continue
            first, last = blocked(kind.before, kind.after, start, end)
            # Only after each unit's latest blocked period: overlaps are impossible by construction.
            free = [pk for pk, until in kind.units if last_end[pk] < first and (until is None or last <= until)]
            chosen = free[:wanted]
            if not chosen:
                continue
            for pk in chosen:
                last_end[pk] = last
            loans.append(Loan(kind, chosen, start, end, (first, last)))
    return loans


def plan_loans(kinds: list[KindPlan], *, today: date, target: int, seed: int) -> list[Loan]:
    """Loans with exactly ``target`` unit reservations in ``[today - 2 years, today + 1 year)``."""
    first_day, days = today - timedelta(days=PAST_YEARS_DAYS), PAST_YEARS_DAYS + FUTURE_DAYS
    blocked = BlockedPeriods()
    capacity = sum(kind.weight * len(kind.units) for kind in kinds)
    factor = 1.15  # some requests find no free unit; ask for a little more than needed
    for _ in range(10):
        loans = _sweep(kinds, random.Random(seed), factor * target / (days * capacity), first_day, days, blocked)
        total = sum(len(loan.unit_ids) for loan in loans)
        if total >= target:
            break
        factor *= 1.05 * target / max(total, 1)
    else:
        raise RuntimeError(f"Could not place {target} reservations on {sum(len(k.units) for k in kinds)} units.")
    _trim(loans, total - target, random.Random(seed + 1))
    return [loan for loan in loans if loan.unit_ids]


def _trim(loans: list[Loan], excess: int, rng: random.Random) -> None:
    """Drop random loans (or units of one) until exactly ``excess`` reservations are gone."""
    for index in rng.sample(range(len(loans)), len(loans)):
        if excess <= 0:
            return
        units = loans[index].unit_ids
        cut = min(len(units), excess)
        loans[index].unit_ids = units[: len(units) - cut]
        excess -= cut


# --- statuses, times, organisations (pure) ------------------------------------------------------


def _at(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(7, 16), rng.randrange(60))))


def _between(rng: random.Random, first: datetime, last: datetime) -> datetime:
    fraction = rng.random()  # drawn either way, so the stream does not depend on the time of day
    return first if last <= first else first + (last - first) * fraction


def live_through(loan: Loan, rng: random.Random, *, today: date, now: datetime) -> None:
    """Give the loan a status, a sequence and created/updated times that fit its dates and today."""
    latest = now - timedelta(minutes=5)
    created = _at(loan.start - timedelta(days=rng.randint(5, 90)), rng)
    recently = latest - timedelta(minutes=rng.randrange(1, 60 * 24 * 60))
    if created > latest:  # far-ahead loans were requested in the last two months
        created = recently
    start_at = _at(loan.start, rng)
    r = rng.random()
    if loan.end < today:
        if r < 0.08:
            status, sequence, updated = S.CANCELLED, rng.randint(1, 2), _between(rng, created, min(start_at, latest))
        elif r < 0.10:
            status, sequence, updated = S.REJECTED, 1, created + timedelta(days=rng.randint(1, 3))
        else:
            closed_on = loan.end + timedelta(days=rng.randint(1, 6))  # after the condition check
            if closed_on < today and r > 0.12:
                status, sequence, updated = S.CLOSED, 4, _at(closed_on, rng)
            else:
                status, sequence, updated = S.RETURNED, 3, _at(loan.end, rng)
    elif loan.start <= today:
        if r < 0.04:
            status, sequence, updated = S.CANCELLED, 2, _between(rng, created, min(start_at, latest))
        elif loan.start == today and r < 0.3:
            status, sequence, updated = S.APPROVED, 1, created + timedelta(days=rng.randint(1, 3))
        else:
            status, sequence, updated = S.HANDED_OUT, 2, start_at
    elif r < 0.07:
        status, sequence, updated = S.CANCELLED, rng.randint(1, 2), _between(rng, created, latest)
    elif r < 0.09:
        status, sequence, updated = S.REJECTED, 1, created + timedelta(days=rng.randint(1, 3))
    elif r < 0.45:
        status, sequence, updated = S.REQUESTED, 0, created
    else:
        status, sequence, updated = S.APPROVED, 1, created + timedelta(days=rng.randint(0, 4))
    loan.status, loan.sequence = status, sequence
    loan.created_at, loan.updated_at = created, max(created, min(updated, latest))


def in_school_feed(loan: Loan, *, today: date, now: datetime) -> bool:
    """The window of ``booking.calendar.feeds._window``, applied to a planned loan."""
    if loan.end < today - timedelta(days=feeds.PAST_DAYS):
        return False
    return loan.status not in feeds.GONE or loan.updated_at >= now - timedelta(days=feeds.CANCELLED_DAYS)


def assign_organisations(
    loans: list[Loan], people: People, rng: random.Random, *, today: date, now: datetime, feed_events: int
) -> int:
    """Spread the loans over the 13 schools so that the bench-feed school's feed has ``feed_events`` events.

    Returns the number of feed events planned (fewer than asked only when there are too few loans).
    """
    feed_id = people.feed_school.pk
    others = [school.pk for school in people.schools[1:]]
    weights = [rng.uniform(0.6, 1.4) for _ in others]
    window = [index for index, loan in enumerate(loans) if in_school_feed(loan, today=today, now=now)]
    planned = min(feed_events, len(window))
    chosen = set(rng.sample(window, planned))
    share = planned / len(window) if window else 0.0
    in_window = set(window)
    for index, loan in enumerate(loans):
        draw, other = rng.random(), rng.choices(others, weights)[0]
        feed = index in chosen if index in in_window else draw < share  # the same share outside the window
        loan.organisation_id = feed_id if feed else other
    return planned


# --- writing ---------------------------------------------------------------------------------------


def _references(rng: random.Random, count: int) -> list[str]:
    """``services.new_reference``'s format (B- and six letters from its alphabet), unique, from the seed."""
    taken = set(Booking.objects.values_list("reference", flat=True))
    found: list[str] = []
    while len(found) < count:
        reference = "B-" + "".join(rng.choices(REFERENCE_ALPHABET, k=6))
        if reference not in taken:
            taken.add(reference)
            found.append(reference)
    return found


def _reminded(loan: Loan, today: date) -> tuple[datetime | None, datetime | None]:
    """What ``reminders.send_reminders`` would already have stamped, so it does not fire for the past."""
    started = loan.status in (S.HANDED_OUT, S.RETURNED, S.CLOSED) or (
        loan.status == S.APPROVED and loan.start <= add_working_days(today, 2)
    )
    returned = loan.status in (S.RETURNED, S.CLOSED) or (
        loan.status == S.HANDED_OUT and loan.end <= add_working_days(today, 1)
    )
    start_at = min(loan.updated_at, timezone.make_aware(datetime.combine(loan.start, time(6))))
    return (start_at if started else None), (loan.updated_at if returned else None)


def insert_loans(loans: list[Loan], people: People, rng: random.Random, *, today: date, progress) -> tuple[int, int]:
    """Bulk-insert the bookings and their reservations in batches. Returns (bookings, reservations)."""
    loans.sort(key=lambda loan: loan.created_at)
    references = _references(rng, len(loans))
    bookings_made = reservations_made = 0
    with explicit_timestamps(Booking):
        for batch_number, batch in enumerate(batched(zip(loans, references, strict=True), BATCH)):
            bookings = []
            for loan, reference in batch:
                teachers = people.teachers[loan.organisation_id]
                requester = rng.choice(teachers)
                on_behalf = rng.random() < 0.1
                reminded_start, reminded_return = _reminded(loan, today)
                bookings.append(
                    Booking(
                        reference=reference,
                        requester=requester,
                        created_by=people.coordinators[loan.organisation_id] if on_behalf else requester,
                        organisation_id=loan.organisation_id,
                        owning_centre_id=loan.kind.centre_id,
                        equipment_id=loan.kind.equipment_id,
                        quantity=len(loan.unit_ids),
                        status=loan.status,
                        start_date=loan.start,
                        end_date=loan.end,
                        handover=Booking.Handover.LAB
                        if loan.kind.lab_only
                        else rng.choice([Booking.Handover.PICKUP, Booking.Handover.DELIVERY]),
                        class_name=f"{rng.choice(CLASSES)} {loan.start.year % 100}{rng.choice('ABCD')}",
                        student_count=rng.randint(8, 28),
                        price=Decimal("0.00"),
                        payment_status=Booking.Payment.NOT_REQUIRED,
                        sequence=loan.sequence,
                        created_at=loan.created_at,
                        updated_at=loan.updated_at,
                        reminded_start_at=reminded_start,
                        reminded_return_at=reminded_return,
                    )
                )
            Booking.objects.bulk_create(bookings)
            reservations = [
                Reservation(
                    unit_id=unit_id,
                    kind=Reservation.Kind.BOOKING,
                    booking_id=booking.pk,
                    start_date=loan.start,
                    end_date=loan.end,
                    blocked_start=loan.blocked[0],
                    blocked_end=loan.blocked[1],
                    # as the engine leaves them
                    is_active=loan.status in lifecycle.HOLDING,
                    is_out=loan.status in lifecycle.OUT,
                )
                for (loan, _), booking in zip(batch, bookings, strict=True)
                for unit_id in loan.unit_ids
            ]
            Reservation.objects.bulk_create(reservations)
            bookings_made += len(bookings)
            reservations_made += len(reservations)
            if batch_number % 10 == 9:
                progress(f"  … {bookings_made:,} bookings, {reservations_made:,} reservations")
    return bookings_made, reservations_made
