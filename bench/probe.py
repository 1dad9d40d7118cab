"""Questions the benchmark asks its database between runs, answered as JSON on stdout.

python -m bench.probe overlaps          # pairs of overlapping active reservations (must be 0)
python -m bench.probe spread 32         # 32 equipment kinds each free for one loan, and that loan
python -m bench.probe contended <slug> <earliest>  # a Monday after every reservation of <slug>
"""

import json
import os
import sys
from datetime import date, timedelta


def overlaps() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM booking_reservation a JOIN booking_reservation b ON a.unit_id=b.unit_id "
            "AND a.id<b.id AND a.is_active AND b.is_active AND a.blocked_start<=b.blocked_end "
            "AND b.blocked_start<=a.blocked_end"
        )
        return cursor.fetchone()[0]


def spread(count: int) -> dict:
    """A Monday–Tuesday loan and ``count`` equipment kinds a teacher can book one unit of for it,
    far enough ahead that earlier runs' bookings (a week apart) do not take them."""
    from django.db.models import Max
    from django.utils import timezone

    from booking import engine
    from booking.models import Reservation
    from catalogue.models import Equipment

    today = timezone.localdate()
    latest = Reservation.objects.filter(booking__note="bench-spread").aggregate(m=Max("start_date"))["m"]
    start = max(today + timedelta(days=120), (latest or today) + timedelta(days=7))
    start += timedelta(days=(7 - start.weekday()) % 7)
    end = start + timedelta(days=1)
    # The loan is picked up (handover "pickup"): equipment used only in the Praksis Lab cannot be.
    kinds = (
        Equipment.objects.filter(slug__startswith="bench-", is_active=True)
        .exclude(slug="bench-contended")
        .exclude(placement=Equipment.Placement.LAB_ONLY)
    )
    slugs = list(
        engine.bookable_equipment(kinds, start, end, today=today)
        .order_by("slug")
        .values_list("slug", flat=True)[:count]
    )
    return {"start_date": start.isoformat(), "end_date": end.isoformat(), "slugs": slugs}


def contended(slug: str, earliest: str) -> str:
    from django.db.models import Max

    from booking.models import Reservation

    last = Reservation.objects.filter(is_active=True, unit__equipment__slug=slug).aggregate(m=Max("blocked_end"))["m"]
    start = date.fromisoformat(earliest)
    if last:
        start = max(start, last + timedelta(days=7))
    return (start + timedelta(days=(7 - start.weekday()) % 7)).isoformat()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "videnscenter.settings.bench")
    import django

    django.setup()
    what, *args = sys.argv[1:]
    answer = {"overlaps": overlaps, "spread": lambda n: spread(int(n)), "contended": contended}[what](*args)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
