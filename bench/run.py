"""``make bench``: the platform's key paths at scale, against the framework's floor, over HTTP.

For each database (SQLite, and PostgreSQL when the server on 127.0.0.1:5432 answers) it
migrates a bench database, fills it with ``bench.generate`` (once; the fixture file says what
is there), starts gunicorn with ``videnscenter.settings.bench`` and measures, over HTTP on
127.0.0.1, each case against ``/bench/baseline/`` (a fixed response through the same middleware
and server) in the same run. Results: ``bench/results.json`` and ``bench/RESULTS.md``.

    .venv/bin/python -m bench.run [--databases sqlite,postgresql] [--scale 1,5] [--rounds 3] [--requests 30]
                                  [--cases report] [--memory-requests 10000]

``--cases`` measures only the named cases (the baseline always), e.g. ``--cases report`` for the
yearly activity list of a centre: every request computes it from the 200,000 booking lines and
5,000 videos again (nothing of it is cached), as its leader sees it.

Warm and cold, side by side. A *warm* case is served from the copy the benchmark's own first
request put in the shared cache for exactly that URL (nothing changed since), or answers 304 to
the ETag it was given. A *cold* case raises the data versions the page shows before every timed
request (``/bench/bump/``, untimed), so each one finds nothing cached: the first request after a
change. ``--scale 1,5`` runs everything on a 1× and a 5× data set (5× = 1M booking lines) and
reports the 5×/1× ratio per case.
"""

import argparse
import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/videnscenter_bench")
TARGETS = {
    "catalogue_warm": 2.0,
    "equipment_warm": 2.0,
    "pack_warm": 2.0,
    "videos_warm": 2.0,
    "events_warm": 2.0,
    "my_bookings_warm": 2.0,
    "feed_304": 1.5,
    "catalogue_cold": 10.0,
    "equipment_cold": 8.0,
    "videos_cold": 8.0,
    "feed_cold": 100.0,
    "report": 100.0,
}
# The yearly activity list of a centre, as its leader opens it (fixtures made before it lack "report").
REPORT = {"leader": "leder@oest.bench.example", "centre": "bench-oest"}
CLIENTS = 32


# --- the server -----------------------------------------------------------------------------------


class Server:
    """gunicorn on a free port of 127.0.0.1, with the bench settings."""

    def __init__(self, env: dict, *, workers: int, threads: int = 1):
        self.env, self.workers, self.threads = env, workers, threads
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "videnscenter.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--timeout=300",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.port, "/bench/baseline/")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def peak_memory_mib(self) -> float:
        """The largest peak resident size (VmHWM) of the worker processes."""
        peaks = []
        for pid in _children(self.process.pid):
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return round(max(peaks), 1) if peaks else 0.0


def _children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children += [int(child) for child in text]
    return children


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- HTTP -----------------------------------------------------------------------------------------


def request(port: int, path: str, *, method: str = "GET", headers: dict | None = None, body: str | None = None):
    """One request on a new connection (gunicorn's sync workers close each one): status, ms, response."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    began = time.perf_counter()
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - began) * 1000
    conn.close()
    return response.status, elapsed, response, data


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(
    port: int, path: str, *, count: int, headers: dict | None = None, expect: int = 200, cold: str = ""
) -> dict:
    """``count`` timed requests of ``path``; with ``cold`` (version names) each after raising them."""
    for _ in range(2):  # warm up this path in both workers (imports, caches, connections)
        request(port, path, headers=headers)
    timings, queries, sql = [], set(), []
    for _ in range(count):
        if cold:
            request(port, "/bench/bump/?names=" + cold)  # untimed: the change before the request
        status, elapsed, response, _data = request(port, path, headers=headers)
        if status != expect:
            raise RuntimeError(f"{path} answered {status}, expected {expect}")
        timings.append(elapsed)
        queries.add(int(response.getheader("X-Bench-Queries", "-1")))
        sql.append(float(response.getheader("X-Bench-SQL-ms", "0")))
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": _percentile(timings, 0.95),
        "queries": max(queries),
        "sql_ms": statistics.median(sql),
        "samples": count,
    }


# --- the cases ------------------------------------------------------------------------------------


def report_case(fixture: dict, port: int) -> dict:
    """The centre's yearly activity list in the admin, with the session of its leader."""
    report = fixture.get("report", REPORT)
    leader = Browser(port)
    leader.login(report["leader"], fixture["password"])
    cookie = "; ".join(f"{k}={v}" for k, v in leader.cookies.items())
    return {
        "path": "/admin/rapporter/aktivitet/?" + urlencode({"centre": report["centre"]}),
        "headers": {"Cookie": cookie},
    }


def login_headers(port: int, email: str, password: str) -> dict:
    browser = Browser(port)
    browser.login(email, password)
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items())}


# What a change to each page's data raises (videnscenter.versions), for its cold case.
COLD = {
    "catalogue": "bookings",
    "equipment": "bookings",
    "pack": "bookings",
    "videos": "videos",
    "events": "pages",
    "my_bookings": "bookings",
    "feed": "bookings",
}


def cases(fixture: dict, port: int) -> dict[str, dict]:
    """What each case requests. The feed's ETag is read just before its conditional case (``etag_of``)."""
    feed = fixture["feed_path"]
    _status, _ms, _response, body = request(port, feed)
    pages = {
        "catalogue": {
            "path": "/udstyr/?" + urlencode({"free_from": fixture["free_from"], "free_to": fixture["free_to"]})
        },
        "equipment": {"path": f"/udstyr/{fixture['equipment_slug']}/"},
        "videos": {"path": "/videoer/?" + urlencode({"category": fixture["video_category"]})},
        "events": {"path": "/arrangementer/"},
    }
    if "pack_slug" in fixture:
        pages["pack"] = {"path": f"/udstyr/pakke/{fixture['pack_slug']}/"}
    if "my_bookings_user" in fixture:
        pages["my_bookings"] = {
            "path": "/booking/",
            "headers": login_headers(port, fixture["my_bookings_user"], fixture["password"]),
        }
    plan = {
        "baseline": {"path": "/bench/baseline/"},
        "shell": {"path": "/bench/no-such-page/", "expect": 404},
    }
    for name, case in pages.items():
        plan[f"{name}_warm"] = case
        plan[f"{name}_cold"] = {**case, "cold": COLD[name]}
    plan["feed_304"] = {"path": feed, "etag_of": feed, "expect": 304}
    plan["feed_full"] = {"path": feed, "count": 10, "size_kib": round(len(body) / 1024)}
    plan["feed_cold"] = {"path": feed, "count": 10, "cold": COLD["feed"]}
    plan["report"] = report_case(fixture, port)
    return plan


def run_rounds(port: int, fixture: dict, *, rounds: int, count: int, only: set[str] | None = None) -> dict[str, dict]:
    """Every case in every round, the baseline included, so ratios compare like with like."""
    plan = {
        name: case
        for name, case in cases(fixture, port).items()
        if not only or name in only | {"baseline"} or name.rsplit("_", 1)[0] in only
    }
    per_round: dict[str, list[dict]] = {name: [] for name in plan}
    for number in range(rounds):
        for name, case in plan.items():
            if "etag_of" in case:  # the ETag as it is now (a cold case before may have changed it)
                case["headers"] = {"If-None-Match": request(port, case["etag_of"])[2].getheader("ETag")}
            result = measure(
                port,
                case["path"],
                count=case.get("count", count),
                headers=case.get("headers"),
                expect=case.get("expect", 200),
                cold=case.get("cold", ""),
            )
            per_round[name].append(result)
        print(
            f"  round {number + 1}/{rounds}: "
            + ", ".join(f"{n} {r[-1]['median_ms']:.1f} ms" for n, r in per_round.items())
        )
    summary = {}
    for name, results in per_round.items():
        summary[name] = {
            "median_ms": round(statistics.median(r["median_ms"] for r in results), 2),
            "p95_ms": round(statistics.median(r["p95_ms"] for r in results), 2),
            "queries": max(r["queries"] for r in results),
            "sql_ms": round(statistics.median(r["sql_ms"] for r in results), 2),
            "ratio": round(
                statistics.median(
                    r["median_ms"] / b["median_ms"] for r, b in zip(results, per_round["baseline"], strict=True)
                ),
                2,
            ),
            "requests": sum(r["samples"] for r in results),
        }
        if "size_kib" in plan[name]:
            summary[name]["size_kib"] = plan[name]["size_kib"]
    return summary


def feed_render(env: dict, fixture: dict, *, count: int) -> dict:
    """The feed rendered from scratch every time: a server without the render cache."""
    with Server({**env, "BENCH_NO_CACHE": "1"}, workers=1) as server:
        result = measure(server.port, fixture["feed_path"], count=count)
        result["peak_memory_mib"] = server.peak_memory_mib()
    return {key: round(value, 2) if isinstance(value, float) else value for key, value in result.items()}


# --- booking under contention ---------------------------------------------------------------------


class Browser:
    """A logged-in person: cookies and the CSRF token, over plain HTTP."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def _headers(self, extra: dict | None = None) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": cookie, **(extra or {})}

    def _keep_cookies(self, response) -> None:
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]

    def get(self, path: str) -> str:
        status, _ms, response, body = request(self.port, path, headers=self._headers())
        self._keep_cookies(response)
        return body.decode()

    def post(self, path: str, data: dict) -> tuple[int, float, str]:
        headers = self._headers(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.cookies.get("csrftoken", ""),
                "Referer": f"http://127.0.0.1:{self.port}{path}",
            }
        )
        status, elapsed, response, body = request(self.port, path, method="POST", headers=headers, body=urlencode(data))
        self._keep_cookies(response)
        return status, elapsed, response.getheader("Location", "")

    def login(self, email: str, password: str) -> None:
        page = self.get("/konto/log-ind/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ms, _location = self.post(
            "/konto/log-ind/", {"csrfmiddlewaretoken": token, "username": email, "password": password}
        )
        if status != 302:
            raise RuntimeError(f"could not log in as {email}")


def _race(browsers: list[Browser], paths: list[str], form: dict) -> list[tuple[int, float, str]]:
    """Everybody posts the same request at the same moment (a barrier releases the threads)."""
    barrier = threading.Barrier(len(browsers))
    results: list[tuple[int, float, str]] = [(0, 0.0, "")] * len(browsers)

    def book(index: int, browser: Browser) -> None:
        data = {**form, "csrfmiddlewaretoken": browser.form_token}
        barrier.wait()
        results[index] = browser.post(paths[index], data)

    threads = [threading.Thread(target=book, args=(i, b)) for i, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def probe(env: dict, *args: str):
    """Ask the bench database (``bench.probe``) and return its JSON answer."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.probe", *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def _logged_in(port: int, teachers: list[dict]) -> list[Browser]:
    browsers = []
    for teacher in teachers[:CLIENTS]:
        browser = Browser(port)
        browser.login(teacher["email"], teacher["password"])
        browsers.append(browser)
    return browsers


def _form_tokens(browsers: list[Browser], paths: list[str]) -> None:
    for browser, path in zip(browsers, paths, strict=True):
        page = browser.get(path)
        form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        browser.form_token = form_token.group(1) if form_token else ""


def _booked(status: int, location: str) -> bool:
    return status == 302 and "/booking/" in location


def contention(port: int, fixture: dict, env: dict, *, rounds: int) -> dict:
    """32 teachers ask for the one free unit at the same moment; exactly one may get it."""
    spec = fixture["contention"]
    browsers = _logged_in(port, spec["teachers"])
    path = f"/booking/ny/{spec['equipment_slug']}/"
    length = date.fromisoformat(spec["end_date"]) - date.fromisoformat(spec["start_date"])
    first = date.fromisoformat(probe(env, "contended", spec["equipment_slug"], spec["start_date"]))
    timings, outcomes = [], []
    for number in range(rounds):
        start = first + timedelta(weeks=3 * number)
        form = {
            "start_date": start.isoformat(),
            "end_date": (start + length).isoformat(),
            "quantity": "1",
            "handover": "pickup",
        }
        _form_tokens(browsers, [path] * len(browsers))
        results = _race(browsers, [path] * len(browsers), form)
        booked = sum(1 for status, _ms, location in results if _booked(status, location))
        refused = sum(1 for status, _ms, _location in results if status == 200)
        outcomes.append(
            {
                "period": form["start_date"],
                "booked": booked,
                "refused": refused,
                "errors": len(browsers) - booked - refused,
            }
        )
        timings += [elapsed for _status, elapsed, _location in results]
    return {
        "clients": len(browsers),
        "rounds": outcomes,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(_percentile(timings, 0.95), 1),
    }


def throughput(port: int, fixture: dict, env: dict) -> dict:
    """32 teachers book 32 different equipment kinds at the same moment: bookings per second."""
    browsers = _logged_in(port, fixture["contention"]["teachers"])
    plan = probe(env, "spread", str(len(browsers)))
    browsers = browsers[: len(plan["slugs"])]
    paths = [f"/booking/ny/{slug}/" for slug in plan["slugs"]]
    form = {
        "start_date": plan["start_date"],
        "end_date": plan["end_date"],
        "quantity": "1",
        "handover": "pickup",
        "note": "bench-spread",
    }
    _form_tokens(browsers, paths)
    began = time.perf_counter()
    results = _race(browsers, paths, form)
    seconds = time.perf_counter() - began
    booked = sum(1 for status, _ms, location in results if _booked(status, location))
    refused = sum(1 for status, _ms, _location in results if status == 200)  # the form again, with why
    timings = [elapsed for _status, elapsed, _location in results]
    return {
        "clients": len(browsers),
        "booked": booked,
        "refused": refused,
        "errors": len(results) - booked - refused,
        "seconds": round(seconds, 3),
        "bookings_per_s": round(booked / seconds, 1),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(_percentile(timings, 0.95), 1),
    }


def overlapping_reservations(env: dict) -> int:
    """Pairs of active reservations of one unit whose blocked periods overlap: must be 0."""
    return int(probe(env, "overlaps"))


def memory(env: dict, fixture: dict, *, total: int) -> dict:
    """One worker's peak RSS after 100 mixed requests and after ``total``: does it keep growing?

    The mix: warm and cold pages, many different catalogue and library pages (more than the
    cache keeps), feeds (304, cached, after a change) and 404s.
    """
    with Server(env, workers=1) as server:
        plan = cases(fixture, server.port)
        mixed = [name for name in plan if name not in ("report", "feed_full")]
        peaks = {}
        for number in range(total):
            name = mixed[number % len(mixed)]
            case = plan[name]
            path = case["path"]
            if name.startswith(("catalogue", "videos")):
                path += ("&" if "?" in path else "?") + f"page={number % 40 + 1}"
            if case.get("cold") and number % 5 == 0:
                request(server.port, "/bench/bump/?names=" + case["cold"])
            request(server.port, path, headers=case.get("headers"))
            if number + 1 in (100, total):
                peaks[number + 1] = server.peak_memory_mib()
    return {
        "after_100_mib": peaks[100],
        f"after_{total}_mib": peaks[total],
        "requests": total,
        "growth": round(peaks[total] / peaks[100] - 1, 3),
    }


# --- databases ------------------------------------------------------------------------------------


def suffix(scale: float) -> str:
    """The data set of a scale: 1× has no suffix (the fixtures of earlier runs), 5× is ``-x5``."""
    return "" if scale == 1 else f"-x{scale:g}"


def pg_url(scale: float) -> str:
    return PG_URL + suffix(scale).replace("-", "_").replace(".", "_")


def database_env(vendor: str, scale: float = 1) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "videnscenter.settings.bench"}
    if vendor == "sqlite":
        env["VAR_DIR"] = str(BENCH_VAR / f"sqlite{suffix(scale)}")
        env.pop("DATABASE_URL", None)
    else:
        env["DATABASE_URL"] = pg_url(scale)
    (Path(env.get("VAR_DIR", ROOT / "var")) / "static").mkdir(parents=True, exist_ok=True)  # whitenoise looks there
    return env


def choose_cache(wanted: str) -> str:
    """The servers' ``CACHE_URL`` (put in this process's environment, which ``database_env`` copies)."""
    url = {"locmem": "", "auto": "redis://127.0.0.1:6379/15"}.get(wanted, wanted)
    if url:
        import redis

        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()  # the bench's own database
        except redis.RedisError:
            if wanted != "auto":
                raise
            url = ""
    os.environ["CACHE_URL"] = url
    if not url:
        os.environ.pop("CACHE_URL")
    return url


def postgres_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=2):
            return True
    except OSError:
        return False


# Keys a fixture must have; one written by an older benchmark is written again (from the rows).
FIXTURE_KEYS = ("pack_slug", "my_bookings_user")


def prepare(vendor: str, env: dict, scale: float = 1) -> dict:
    """Migrate and fill the bench database once; the fixture file records what was made."""
    fixture_path = BENCH_VAR / f"fixture-{vendor}{suffix(scale)}.json"
    if vendor == "postgresql":
        url = pg_url(scale)
        name = url.rsplit("/", 1)[1]
        exists = subprocess.run(
            [
                "psql",
                url.rsplit("/", 1)[0] + "/postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname='{name}'",  # noqa: S608 (the bench's own setting)
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not exists:
            fixture_path.unlink(missing_ok=True)
            subprocess.run(["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    # Always: a data set made before a new migration gets it (an up-to-date one in a second or two).
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    if fixture_path.exists():
        fixture = json.loads(fixture_path.read_text())
        if all(key in fixture for key in FIXTURE_KEYS):
            return fixture
    generate = [sys.executable, "-m", "bench.generate", "--out", str(fixture_path), "--scale", str(scale)]
    subprocess.run(generate, cwd=ROOT, env=env, check=True)
    fixture = json.loads(fixture_path.read_text())
    fixture["generated_in_s"] = round(time.monotonic() - began)
    fixture_path.write_text(json.dumps(fixture, indent=2))
    return fixture


def database_version(env: dict) -> str:
    code = (
        "import django;django.setup();from django.db import connection as c;cur=c.cursor();"
        "cur.execute('select version()' if c.vendor=='postgresql' else 'select sqlite_version()');"
        "print(c.vendor, cur.fetchone()[0].split(' on ')[0])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip()


def machine() -> dict:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    import django
    import gunicorn

    return {
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory.group(1)) / 1024 / 1024, 1) if memory else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
    }


def bench_database(
    vendor: str, *, rounds: int, count: int, only: set[str] | None = None, scale: float = 1, memory_requests: int = 0
) -> dict:
    env = database_env(vendor, scale)
    print(f"{vendor} {scale:g}×: preparing the data set (the first time takes minutes)")
    fixture = prepare(vendor, env, scale)
    result = {
        "database": database_version(env),
        "scale": scale,
        "data": fixture.get("created", {}),
        "feed_events": fixture.get("feed_events"),
    }
    print(f"{vendor} {scale:g}×: measuring")
    # Two sync workers, as a small production box would run; one client at a time for latency.
    with Server(env, workers=2) as server:
        result["cases"] = run_rounds(server.port, fixture, rounds=rounds, count=count, only=only)
        result["peak_memory_mib"] = server.peak_memory_mib()
    if not only or "feed_render" in only:
        result["cases"]["feed_render"] = feed_render(env, fixture, count=max(3, rounds))
        result["cases"]["feed_render"]["ratio"] = round(
            result["cases"]["feed_render"]["median_ms"] / result["cases"]["baseline"]["median_ms"], 1
        )
    if not only or "contention" in only:
        # Enough workers and threads that all 32 requests are in the database at once.
        with Server(env, workers=4, threads=8) as server:
            print(f"{vendor} {scale:g}×: {CLIENTS} clients race for the last unit")
            result["contention"] = contention(server.port, fixture, env, rounds=rounds)
            print(f"{vendor} {scale:g}×: {CLIENTS} clients book different units")
            result["throughput"] = throughput(server.port, fixture, env)
        result["contention"]["overlapping_reservations"] = overlapping_reservations(env)
    if memory_requests and (not only or "memory" in only):
        print(f"{vendor} {scale:g}×: memory over {memory_requests:,} mixed requests")
        result["memory"] = memory(env, fixture, total=memory_requests)
    return result


# --- the report -----------------------------------------------------------------------------------

PAGES = {
    "catalogue": "Catalogue, free between two dates, page 1",
    "equipment": "Equipment page with 3-month availability",
    "pack": "Mobile pack page",
    "videos": "Video library, page 1 with a category filter",
    "events": "Event list",
    "my_bookings": "My bookings (a teacher with many, logged in)",
}
LABELS = {
    "baseline": ("", "Baseline (fixed response)"),
    "shell": ("", "Shell: the 404 page through the full base template"),
    **{f"{name}_{kind}": (kind, label) for name, label in PAGES.items() for kind in ("warm", "cold")},
    "feed_304": ("warm", "School feed, 304 Not Modified"),
    "feed_full": ("warm", "School feed, 200 (rendered body cached)"),
    "feed_cold": ("cold", "School feed, 200 after a change (events reused)"),
    "feed_render": ("cold", "School feed, 200 rendered from scratch (no cache at all)"),
    "report": ("cold", "Yearly activity list of a centre (admin, leader logged in)"),
}


def _case_rows(data: dict) -> list[str]:
    lines = [
        "| case | kind | median ms | p95 ms | × baseline | target | SQL queries | of which SQL ms | peak RSS MiB |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for name, (kind, label) in LABELS.items():
        case = data["cases"].get(name)
        if not case:
            continue
        target = TARGETS.get(name)
        verdict = "" if target is None else (f"≤ {target:g}× " + ("met" if case["ratio"] <= target else "**missed**"))
        memory = case.get("peak_memory_mib", data["peak_memory_mib"])
        lines.append(
            f"| {label} | {kind} | {case['median_ms']:.1f} | {case['p95_ms']:.1f} | {case['ratio']:.2f} | {verdict} "
            f"| {case['queries']} | {case.get('sql_ms', 0):.1f} | {memory} |"
        )
    return lines


def _write_paths(data: dict) -> list[str]:
    lines = []
    if "contention" in data:
        c = data["contention"]
        outcome = "; ".join(f"{r['booked']} booked, {r['refused']} refused, {r['errors']} errors" for r in c["rounds"])
        ok = all(r["booked"] == 1 and r["errors"] == 0 for r in c["rounds"]) and c["overlapping_reservations"] == 0
        lines += [
            "",
            f"Booking under contention: {c['clients']} clients ask for the last free unit at once, "
            f"{len(c['rounds'])} times: {outcome}. Median {c['median_ms']} ms, p95 {c['p95_ms']} ms. "
            f"Overlapping active reservations afterwards: {c['overlapping_reservations']} "
            f"({'no double booking' if ok else '**DOUBLE BOOKING or errors**'}).",
        ]
    if "throughput" in data:
        t = data["throughput"]
        lines += [
            "",
            f"Throughput: {t['clients']} clients book {t['clients']} different equipment kinds at once: "
            f"{t['booked']} booked"
            + (f" ({t['refused']} refused, {t['errors']} errors)" if "refused" in t else "")
            + f" in {t['seconds']} s, **{t['bookings_per_s']} bookings/s** "
            f"(median {t['median_ms']} ms, p95 {t['p95_ms']} ms per request).",
        ]
    if "memory" in data:
        mem = data["memory"]
        total = mem["requests"]
        verdict = "met" if mem["growth"] <= 0.10 else "**missed**"
        lines += [
            "",
            f"Memory: one worker's peak RSS after 100 mixed requests {mem['after_100_mib']} MiB, after {total:,} "
            f"{mem[f'after_{total}_mib']} MiB ({mem['growth'] * 100:+.1f} %, target ≤ +10 %: {verdict}).",
        ]
    return lines


def _scale_rows(results: dict) -> list[str]:
    """Each case's median at the larger scale over its median at 1×, per database."""
    lines = []
    for key, data in results["databases"].items():
        base = results["databases"].get(key.split("@", 1)[0])
        if data.get("scale", 1) == 1 or base is None:
            continue
        factor = data["scale"] / base.get("scale", 1)
        lines += [
            f"### {data['database']}: {data['scale']:g}× against 1× ({factor:g} times the bookings)",
            "",
            "| case | kind | 1× median ms | "
            f"{data['scale']:g}× median ms | {data['scale']:g}×/1× | 1× × baseline | {data['scale']:g}× × baseline |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for name, (kind, label) in LABELS.items():
            small, large = base["cases"].get(name), data["cases"].get(name)
            if not small or not large:
                continue
            lines.append(
                f"| {label} | {kind} | {small['median_ms']:.1f} | {large['median_ms']:.1f} "
                f"| {large['median_ms'] / small['median_ms']:.2f} | {small['ratio']:.2f} | {large['ratio']:.2f} |"
            )
        lines.append("")
    return lines


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {results['date']} with `make bench` ({results['rounds']} rounds of {results.get('requests', 30)} "
        "requests per case; each figure is the median over the rounds).",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB RAM; {m['os']}; Python {m['python']}, "
        f"Django {m['django']}, gunicorn {m['gunicorn']} (2 sync workers; 4 workers × 8 threads for the write "
        "paths), driven over HTTP on 127.0.0.1, one new connection per request. "
        + (
            f'Cache: Redis ({results["cache"]}), shared by the workers as in production (README "Caching"); '
            "the warm copy is primed by the case's first, untimed request."
            if results.get("cache", "locmem") != "locmem"
            else "Cache: local memory per worker (the warm copy is primed by the case's first, untimed request "
            "to each worker it reaches)."
        ),
        "",
    ]
    for data in results["databases"].values():
        lines += [
            f"## {data['database']}, {data.get('scale', 1):g}× data",
            "",
            "Data: " + ", ".join(f"{v:,} {k}" for k, v in data["data"].items()),
            "",
        ]
        lines += _case_rows(data) + _write_paths(data)
        lines.append("")
    scale = _scale_rows(results)
    if scale:
        lines += ["## Scale", "", *scale]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--scale", default="1", help="data scales, comma-separated (1 = 200,000 booking lines)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=30, help="requests per case and round")
    parser.add_argument("--cases", default="", help="only these cases, comma-separated (e.g. report); default all")
    parser.add_argument("--memory-requests", type=int, default=10_000, help="0 skips the memory run")
    parser.add_argument("--out", default="bench", help="folder for results.json and RESULTS.md")
    parser.add_argument(
        "--cache",
        default="auto",
        help="CACHE_URL of the servers: 'auto' (Redis on 127.0.0.1:6379 db 15 when it answers, as production "
        "runs; else local memory), 'locmem', or a redis:// URL",
    )
    args = parser.parse_args()
    cache_url = choose_cache(args.cache)
    only = {name for name in args.cases.split(",") if name} or None
    vendors = [v for v in args.databases.split(",") if v]
    scales = [float(s) for s in args.scale.split(",") if s]
    if "postgresql" in vendors and not postgres_answers():
        print("PostgreSQL does not answer on 127.0.0.1:5432; measuring SQLite only.")
        vendors.remove("postgresql")
    databases = {}
    for vendor in vendors:
        for scale in scales:
            key = vendor if scale == 1 else f"{vendor}@{scale:g}"
            databases[key] = bench_database(
                vendor,
                rounds=args.rounds,
                count=args.requests,
                only=only,
                scale=scale,
                # The memory run once per database, on the first scale.
                memory_requests=args.memory_requests if scale == scales[0] else 0,
            )
    results = {
        "date": date.today().isoformat(),
        "cache": cache_url or "locmem",
        "rounds": args.rounds,
        "requests": args.requests,
        "machine": machine(),
        "targets": TARGETS,
        "databases": databases,
    }
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "RESULTS.md").write_text(markdown(results))
    print(markdown(results))


if __name__ == "__main__":
    main()
