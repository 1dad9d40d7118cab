"""How long rendering a 5,000-event calendar feed takes (pure rendering, no database, no HTTP).

Run: .venv/bin/python -m bench.feed_render [events] [repeats]
The full HTTP benchmark (gunicorn, 304 against the framework's floor) belongs to `make bench`.
"""

import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

from booking.calendar.ical import FeedEvent, render_calendar


def events(count: int) -> list[FeedEvent]:
    start = date(2025, 1, 6)
    stamp = datetime(2025, 1, 1, 12, tzinfo=UTC)
    return [
        FeedEvent(
            uid=f"booking-B-{n:06d}@videnscenter",
            summary=f"Udstyr {n % 200} – SOSU-skole {n % 13}",
            first_day=start + timedelta(days=n % 1000),
            last_day=start + timedelta(days=n % 1000 + n % 10),
            sequence=n % 4,
            last_modified=stamp + timedelta(minutes=n),
            status=("CONFIRMED", "TENTATIVE", "CANCELLED")[n % 3],
            description=f"Booking: B-{n:06d}\nBooket af: Lærer {n % 70}",
            url=f"https://videnscenter.example/booking/B-{n:06d}/",
        )
        for n in range(count)
    ]


def main(count: int = 5000, repeats: int = 7) -> None:
    items = events(count)
    timings, size = [], 0
    for _ in range(repeats):
        began = time.perf_counter()
        size = len(render_calendar(name="Bench", description="Bench", events=items))
        timings.append(time.perf_counter() - began)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    median = statistics.median(timings) * 1000
    print(f"{count} events, {size / 1024:.0f} KiB: median {median:.0f} ms, p95 {p95 * 1000:.0f} ms")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
