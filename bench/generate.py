"""A large, realistic, deterministic data set for the benchmarks, and a fixture that describes it.

Run: .venv/bin/python -m bench.generate [--scale 1.0] [--out var/bench/fixture-<vendor>.json] [--seed N]

Uses the database DATABASE_URL names (SQLite under var/ by default), migrated and empty-ish; it
may run after ``load_demo_data`` and never touches the demo rows: everything it makes has a
``bench-`` slug (organisations, equipment, categories, videos), a ``BENCH-`` asset tag or an
``@….bench.example`` address. At scale 1.0: 2 centres and 13 schools with ~360 people, 2,000
equipment kinds, 10,000 units, 200,000 reservations (booking lines) in ~140,000 bookings over
[today - 2 years, today + 1 year), 5,000 published videos; the bench-feed school's calendar feed
has 5,000 events. Everything except the people scales with ``--scale``.

Running it twice does not add a second data set: when bench rows exist it says so and only
writes the fixture again from the rows (with a new feed token: the old one is rotated, because
only its hash is stored). To start over, use a fresh database.

The fixture (JSON) has: vendor, scale, created (rows per model), password, feed_path (the
school feed, /kalender/feed/<token>.ics) and feed_events, equipment_slug (many units and
bookings: the equipment page with three months of availability), free_from/free_to (a week
~30 days ahead for the catalogue's free-between filter), video_category (a slug for the
library filter), report (the leader who opens a centre's yearly activity list, and the
centre), and contention: an equipment slug with one unit, a Monday–Tuesday ~60 days
ahead where it is free, and 16 teachers (email, password, organisation_id) who may book it.
"""

import argparse
import json
import os
import random
from pathlib import Path

DEFAULT_SEED = 20250601


def generate(*, scale: float = 1.0, out: Path | str | None = None, seed: int = DEFAULT_SEED, quiet: bool = False):
    """Create the bench data set (unless it exists) and write its fixture to ``out``. Returns the fixture."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.generator import fixture
    from bench.generator.common import Progress

    progress = Progress(quiet)
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        created = not fixture.bench_exists()
        if created:
            _create(scale=scale, seed=seed, today=today, now=now, progress=progress)
        else:
            existing = fixture.counts()
            scale = round(existing["Unit"] / 10000, 4)
            print(
                f"Bench data already exists ({existing['Booking']:,} bookings, {existing['Unit']:,} units): "
                "nothing is created, only the fixture is written again (with a new feed token)."
            )
    if created and connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have them soon: without them the first benchmark
        # (and the fixture's own queries) run on plans made for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        progress("ANALYZE")
    with transaction.atomic():
        data = fixture.build(scale=scale, today=today)
    data["seconds"] = round(progress.elapsed, 1)
    path = Path(out) if out else Path(settings.VAR_DIR) / "bench" / f"fixture-{connection.vendor}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    progress(f"fixture: {path} (feed with {data['feed_events']:,} events)")
    return data


def _create(*, scale: float, seed: int, today, now, progress) -> None:
    from django.contrib.auth.hashers import make_password

    from bench.generator import bookings, catalogue, library, people
    from bench.generator.common import PASSWORD
    from catalogue.models import Equipment
    from media.models import Video

    def rng(stage: int) -> random.Random:
        # One generator per stage: a stage that draws a little differently (the time of day decides
        # which cancelled bookings are "recent") does not change the stages after it.
        return random.Random(seed * 100 + stage)

    made = people.create_people(rng=rng(1), password_hash=make_password(PASSWORD))
    progress(f"people: {len(made.schools)} schools, {sum(map(len, made.teachers.values()))} teachers")
    shelf = catalogue.create_catalogue(rng=rng(2), people=made, scale=scale, today=today)
    progress(f"catalogue: {len(shelf.equipment):,} equipment kinds, {len(shelf.units):,} units")
    target = max(1, round(200_000 * scale))
    loans = bookings.plan_loans(shelf.kinds, today=today, target=target, seed=seed * 100 + 3)
    lives = rng(5)
    for loan in loans:
        bookings.live_through(loan, lives, today=today, now=now)
    planned = bookings.assign_organisations(
        loans, made, rng(6), today=today, now=now, feed_events=max(1, round(bookings.FEED_EVENTS * scale))
    )
    progress(f"planned {len(loans):,} bookings with {target:,} reservations, {planned:,} in the feed")
    made_bookings, made_reservations = bookings.insert_loans(loans, made, rng(7), today=today, progress=progress)
    progress(f"bookings: {made_bookings:,} bookings, {made_reservations:,} reservations")
    videos = library.create_videos(
        rng=rng(8),
        scale=scale,
        today=today,
        centres=made.centres,
        categories=library.create_categories(),
        equipment=shelf.equipment,
    )
    progress(f"library: {len(videos):,} videos")
    views = library.create_view_counts(rng=rng(9), videos=videos, today=today)
    progress(f"library: {views:,} yearly view counts")
    library.index(Video, videos)
    library.index(Equipment, shelf.equipment)
    progress("search index: videos and equipment")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 200,000 booking lines (default)")
    parser.add_argument("--out", type=Path, help="fixture path (default var/bench/fixture-<vendor>.json)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "videnscenter.settings.dev")
    import django

    django.setup()
    generate(scale=args.scale, out=args.out, seed=args.seed)


if __name__ == "__main__":
    main()
