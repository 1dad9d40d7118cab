"""Sign-up under contention: N people post the sign-up form for an event's last places at once.

    .venv/bin/python -m bench.signup [--databases sqlite,postgresql] [--clients 32] [--places 1] [--rounds 3]
    make bench-signup

Runs on its own small database (migrated once; no generated data set), so it takes a minute,
not the full ``make bench``. Each round makes a new course with ``--places`` free places left,
starts the race (a barrier releases every client's POST at the same moment, over HTTP to gunicorn
with 4 workers × 4 threads), and counts: signed up (302), refused as full (409), errors.
Afterwards it counts overbooked places in the database: participants holding a place beyond an
event's capacity, and places held twice. Both must be 0. Results: ``bench/SIGNUP.md``.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from bench.run import BENCH_VAR, ROOT, Browser, Server, _percentile, postgres_answers

PG_URL = os.environ.get("BENCH_SIGNUP_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/videnscenter_bench_signup")
CAPACITY = 20

MAKE_EVENT = """
import django;django.setup()
from datetime import timedelta
from django.utils import timezone
from cms.models import EventIndexPage, EventPage
from cms.registrations.services import NewParticipant, registration_create
from videnscenter.models import Organisation
centre, _ = Organisation.objects.get_or_create(
    slug="bench-signup-centre", defaults={{"name": "Bench", "kind": "centre"}}
)
start = timezone.now().replace(microsecond=0) + timedelta(days=30)
n = EventPage.objects.count()
page = EventPage(title=f"Bench-kursus {{n}}", slug=f"bench-kursus-{{n}}", event_type="course", start=start,
                 end=start + timedelta(hours=6), intro="Bench", location="Praksis Lab", centre=centre,
                 registration_open=True, capacity={capacity}, price_member=0, price_other=0)
EventIndexPage.objects.first().add_child(instance=page)
page.save_revision().publish()
for i in range({taken}):
    registration_create(event=page, actor=None, contact_name=f"Fyld {{i}}", payer_email=f"fyld{{i}}@bench.example",
                        participants=[NewParticipant(f"Fyld {{i}}", f"fyld{{i}}@bench.example")])
print(page.pk)
"""

OVERBOOKED = """
import django;django.setup()
from django.db.models import Count, F, Q
from cms.models import EventPage, Participant
over = 0
for e in EventPage.objects.annotate(taken=Count("participants", filter=Q(participants__place__isnull=False))):
    over += max(0, e.taken - (e.capacity or 0))
twice = Participant.objects.filter(place__isnull=False).values("place").annotate(n=Count("pk")).filter(n__gt=1).count()
print(over + twice)
"""


def _env(vendor: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "videnscenter.settings.bench",
        # Every sign-up e-mails; the e-mails are not what is measured.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    if vendor == "sqlite":
        env["VAR_DIR"] = str(BENCH_VAR / "signup-sqlite")
        env.pop("DATABASE_URL", None)
    else:
        env["DATABASE_URL"] = PG_URL
    (Path(env.get("VAR_DIR", ROOT / "var")) / "static").mkdir(parents=True, exist_ok=True)
    return env


def _python(env: dict, code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def _prepare(vendor: str, env: dict) -> None:
    if vendor == "postgresql":
        server, name = PG_URL.rsplit("/", 1)
        exists = subprocess.run(
            ["psql", server + "/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],  # noqa: S608
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(["psql", server + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def _race(browsers: list[Browser], path: str) -> list[tuple[int, float, str]]:
    barrier = threading.Barrier(len(browsers))
    results: list[tuple[int, float, str]] = [(0, 0.0, "")] * len(browsers)

    def post(index: int, browser: Browser) -> None:
        form = {
            "csrfmiddlewaretoken": browser.form_token,
            "kind": "person",
            "contact_name": f"Deltager {index}",
            "payer_email": f"deltager{index}.{id(browser)}@bench.example",
        }
        barrier.wait()
        try:
            results[index] = browser.post(path, form)
        except OSError as exc:
            results[index] = (0, 0.0, repr(exc))

    threads = [threading.Thread(target=post, args=(i, b)) for i, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def contention(vendor: str, *, clients: int, places: int, rounds: int) -> dict:
    env = _env(vendor)
    print(f"{vendor}: migrating the sign-up bench database")
    _prepare(vendor, env)
    outcomes, timings = [], []
    with Server(env, workers=4, threads=4) as server:
        for number in range(rounds):
            event_id = _python(env, MAKE_EVENT.format(capacity=CAPACITY, taken=CAPACITY - places))
            path = f"/arrangementer/{event_id}/tilmeld/"
            browsers = []
            for _ in range(clients):
                browser = Browser(server.port)
                page = browser.get(path)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
                browser.form_token = token.group(1) if token else ""
                browsers.append(browser)
            results = _race(browsers, path)
            placed = sum(1 for status, _ms, location in results if status == 302 and "/tilmelding/" in location)
            full = sum(1 for status, _ms, _location in results if status == 409 or status == 200)
            outcomes.append({"placed": placed, "full": full, "errors": clients - placed - full})
            timings += [elapsed for status, elapsed, _location in results if status]
            print(f"  round {number + 1}/{rounds}: {outcomes[-1]}")
    return {
        "clients": clients,
        "places": places,
        "rounds": outcomes,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(_percentile(timings, 0.95), 1),
        "overbooked": int(_python(env, OVERBOOKED)),
    }


def markdown(results: dict[str, dict]) -> str:
    lines = ["# Sign-up under contention (`make bench-signup`)", ""]
    for vendor, c in results.items():
        outcome = "; ".join(
            f"{r['placed']} signed up, {r['full']} told it is full, {r['errors']} errors" for r in c["rounds"]
        )
        ok = all(r["placed"] == c["places"] and r["errors"] == 0 for r in c["rounds"]) and c["overbooked"] == 0
        lines += [
            f"- **{vendor}**: {c['clients']} clients post the sign-up form for the last {c['places']} place(s) at "
            f"once, {len(c['rounds'])} times: {outcome}. Median {c['median_ms']} ms, p95 {c['p95_ms']} ms. "
            f"Overbooked places afterwards: {c['overbooked']} ({'correct' if ok else '**OVERBOOKED or errors**'}).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--places", type=int, default=1, help="free places left when the race starts")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    vendors = [v for v in args.databases.split(",") if v]
    if "postgresql" in vendors and not postgres_answers():
        print("PostgreSQL does not answer on 127.0.0.1:5432; measuring SQLite only.")
        vendors.remove("postgresql")
    results = {v: contention(v, clients=args.clients, places=args.places, rounds=args.rounds) for v in vendors}
    text = markdown(results)
    (ROOT / "bench" / "SIGNUP.md").write_text(text)
    print(text)
    if any(c["overbooked"] for c in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
