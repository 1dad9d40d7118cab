"""Hostile and malformed input never produces a server error or half-written data, anywhere.

The sweep walks every URL of the site (``urlmap.routes``, from Django's resolver), as a visitor,
a teacher, a coordinator, centre staff and a superuser. For each page it reads the form fields
the page offers (and the ones in ``JUNK``) and sends them back filled with hostile values from
a seeded, bounded fuzzer: GET with hostile query parameters, POST with hostile forms. Every
request must answer below 500, and a request that was refused or whose form was shown again
must not have written a row anywhere (row counts of every project table, read inside the same
transaction, which is rolled back after each request). A focused hypothesis test does the same
for the forms a visitor and a teacher use most. CI runs this on SQLite and on PostgreSQL.
"""

import random
import re
import time
import traceback

import pytest
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking.forms import BookingRequestForm
from tests.security.test_authorisation_matrix import known_error
from tests.security.urlmap import build_world, clients_for, routes, url_for

pytestmark = pytest.mark.django_db

# Values that have broken web applications: injections, formulas, dates at the limits, numbers
# out of range, control characters, huge and empty strings, odd Unicode, URLs to elsewhere.
NASTY = [
    "",
    " ",
    "'; DROP TABLE booking_booking; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    '=HYPERLINK("https://evil.example")',
    "0001-01-01",
    "9999-12-31",
    "2031-02-30",
    "31.12.2031",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 40,
    "-99999999999999999999",
    "1.5",
    "x" * 5000,
    "\u202e" * 20,
    "😀" * 10,
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "\r\nSet-Cookie: x=1",
    "null",
    "[]",
    "{}",
    "true",
    "http://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "B-XXXXXX",
    "00000000-0000-0000-0000-000000000000",
]
JUNK = [
    {},
    {"start_date": "'; DROP TABLE booking_booking; --", "end_date": "9999-99-99", "quantity": "-1"},
    {"start_date": "2031-02-30", "end_date": "0001-01-01", "quantity": "1e9", "handover": "x" * 5000},
    {"organisation": "abc", "requester": "999999", "programme": "<script>", "student_count": "NaN"},
    {"email": "a@" + "b" * 300 + ".dk", "invite-email": "\x00", "appoint-email": "@@", "name": "\u202e" * 50},
    {"kind": "centre", "organisation": "-1", "equipment": "0", "bookings": ["B-XXXXXX", "'"], "units": "x"},
    {"damaged_units": ["x"], "old_unit": "1", "new_unit": "'", "reason": "", "note": "n" * 100_000},
    {"q": '"' * 300, "category": "'", "equipment": "\x00", "audience": "x", "sort": "--title", "side": "-1"},
    {"rating": "99", "usable": "<script>", "comment": "c" * 100_000, "when": "x", "type": "x", "status": "x"},
    {"dato": "9999-12-31", "fra": "0001-01-01", "til": "9999-12-31", "p": "-1", "ordering": "-password"},
    {"free_from": "9999-12-31", "free_to": "9999-12-31", "next": "//evil.example", "export": "csv"},
]
ROLES = ["anonymous", "teacher", "coordinator", "staff", "superuser"]
FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", re.IGNORECASE)
SKIP_FIELDS = {"csrfmiddlewaretoken"}
# Tables that change on any request, whatever its outcome (sessions, the login throttle's log).
VOLATILE_TABLES = ("django_session", "axes_")
PROJECT_TABLES = ("videnscenter_", "catalogue_", "booking_", "cms_", "media_", "wagtaildocs_", "wagtailimages_")


def form_fields(html: str) -> list[str]:
    return sorted({name for name in FIELD.findall(html) if name not in SKIP_FIELDS})


def tables() -> list[str]:
    names = connection.introspection.table_names()
    return [n for n in names if n.startswith(PROJECT_TABLES) and not n.startswith(VOLATILE_TABLES)]


def row_counts(table_names: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    # Table names from the database's own catalogue, quoted: nothing typed by anyone.
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in table_names)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


class Sweep:
    """Sends requests, each in a transaction rolled back afterwards, and collects what went wrong."""

    def __init__(self):
        self.tables = tables()
        self.problems: list[str] = []
        self.requests = 0
        self.last_exception = ""
        got_request_exception.connect(self._remember, weak=False)

    def _remember(self, sender, request=None, **kwargs):
        self.last_exception = traceback.format_exc().strip().splitlines()[-1]

    def close(self):
        got_request_exception.disconnect(self._remember)

    def send(self, client: Client, method: str, url: str, data: dict, *, label: str, route=None) -> str:
        self.requests += 1
        self.last_exception = ""
        cookies = client.cookies.copy()
        with transaction.atomic():
            before = row_counts(self.tables)
            response = client.get(url, data) if method == "get" else client.post(url, data)
            after = row_counts(self.tables) if self._no_write_expected(method, response) else before
            transaction.set_rollback(True)
        client.cookies = cookies
        if response.status_code >= 500 and not (route is not None and known_error(route, method)):
            sent = {k: (v[:40] if isinstance(v, str) else v) for k, v in data.items()}
            self.problems.append(
                f"{method.upper()} {url} as {label}: {response.status_code} {self.last_exception} with {sent}"
            )
        elif before != after:
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            self.problems.append(f"{method.upper()} {url} as {label}: {response.status_code} but wrote {changed}")
        if method != "get" or response.status_code != 200 or response.streaming:
            return ""
        return response.content.decode(errors="replace")

    @staticmethod
    def _no_write_expected(method: str, response) -> bool:
        """A refusal, or a form shown again with its errors, must leave the database as it was."""
        return response.status_code >= 400 or (method == "post" and response.status_code == 200)


def hostile(rng: random.Random, fields: list[str]) -> dict:
    return {name: rng.choice(NASTY) for name in fields}


def test_no_server_error_or_half_written_data_for_hostile_input_anywhere():
    started = time.monotonic()
    world = build_world()
    rng = random.Random(20261130)
    sweep = Sweep()
    clients = clients_for(world, ROLES)
    try:
        for route in routes():
            url = url_for(route, world)
            if url is None:
                continue
            # Wagtail's own screens are swept as a superuser, with hostile query parameters.
            roles = ROLES if route.ours else ["superuser"]
            for role in roles:
                client = clients[role]
                page = sweep.send(client, "get", url, {}, label=role, route=route)
                fields = form_fields(page)
                sweep.send(
                    client, "get", url, hostile(rng, fields + ["q", "p", "side", "sort"]), label=role, route=route
                )
                if not route.ours:
                    continue
                junk = rng.choice(JUNK)
                sweep.send(client, "get", url, {k: v for k, v in junk.items() if isinstance(v, str)}, label=role)
                for _ in range(2):
                    sweep.send(client, "post", url, hostile(rng, fields), label=role, route=route)
                sweep.send(client, "post", url, junk | hostile(rng, fields[:3]), label=role, route=route)
    finally:
        sweep.close()
    elapsed = time.monotonic() - started
    assert not sweep.problems, f"{len(sweep.problems)} of {sweep.requests} requests:\n" + "\n".join(sweep.problems)
    assert sweep.requests > 2000
    print(f"\nhostile-input sweep: {sweep.requests} requests in {elapsed:.0f} s")


# --- the forms people use most, with hypothesis ----------------------------------------------------

text = st.one_of(st.sampled_from(NASTY), st.text(max_size=300).filter(lambda s: "\x00" not in s))


BOOKING_FIELDS = tuple(BookingRequestForm.base_fields)


@pytest.fixture
def booking_world(teacher, lift):
    client = Client(raise_request_exception=False)
    client.force_login(teacher)
    sweep = Sweep()
    yield client, sweep
    sweep.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            ("start_date", "end_date", "quantity", "handover", "programme", "class_name", "student_count"), text
        )
        | {"note": text, "organisation": text, "requester": text},
    )
)
def test_the_booking_form_never_fails_or_half_writes(booking_world, lift, data):
    client, sweep = booking_world
    sweep.send(client, "post", reverse("booking:new", args=[lift.slug]), data, label="teacher")
    assert not sweep.problems, sweep.problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.fixed_dictionaries(
        {}, optional=dict.fromkeys(("email", "first_name", "last_name", "password1", "password2"), text)
    ),
    query=st.dictionaries(
        st.sampled_from(["q", "category", "centre", "placement", "tag", "free_from", "free_to", "sort", "side"]),
        text,
        max_size=5,
    ),
)
def test_a_visitors_forms_and_filters_never_fail(school, lift, data, query):
    sweep = Sweep()
    client = Client(raise_request_exception=False)
    try:
        sweep.send(client, "post", reverse("accounts:signup"), data, label="anonymous")
        sweep.send(client, "get", reverse("catalogue:index"), query, label="anonymous")
        sweep.send(client, "get", reverse("cms:search"), query, label="anonymous")
    finally:
        sweep.close()
    assert not sweep.problems, sweep.problems
