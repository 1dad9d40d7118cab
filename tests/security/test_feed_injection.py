"""Calendar feeds with hostile text: escaped as RFC 5545 requires, and the same for every fetcher."""

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar, vText

from booking import services
from booking.calendar import services as subscriptions
from booking.calendar.ical import FeedEvent, render_calendar
from tests.booking.conftest import TODAY
from tests.feeds.parsers import check_feed

HOSTILE = "Mine\r\nbookinger; C:\\temp, BEGIN:VEVENT\rX-EVIL:1\nEND:VCALENDAR\x00\x07"
CLEAN = "Mine\nbookinger; C:\\temp, BEGIN:VEVENT\nX-EVIL:1\nEND:VCALENDAR"


def read(value) -> str:
    """A TEXT value as a client reads it (icalendar leaves NAME and X- properties escaped)."""
    if isinstance(value, vText):
        return str(value)
    escapes = {"n": "\n", "N": "\n", ";": ";", ",": ",", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), value.to_ical().decode())


def calendar_with(name: str = HOSTILE, **event) -> bytes:
    item = FeedEvent(
        uid="booking-B-1@videnscenter",
        summary=event.get("summary", HOSTILE),
        first_day=date(2031, 3, 10),
        last_day=date(2031, 3, 11),
        sequence=0,
        last_modified=datetime(2031, 3, 1, tzinfo=UTC),
        status="CONFIRMED",
        description=event.get("description", HOSTILE),
        location=event.get("location", HOSTILE),
    )
    return render_calendar(name=name, description=HOSTILE, events=[item])


def test_calendar_level_text_is_escaped_and_reads_back_as_typed():
    body = calendar_with()
    cal = Calendar.from_ical(body)
    for prop in ("NAME", "X-WR-CALNAME", "X-WR-CALDESC", "DESCRIPTION"):
        assert read(cal[prop]) == CLEAN, prop
    event = cal.walk("VEVENT")[0]
    for prop in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert read(event[prop]) == CLEAN, prop


def test_hostile_text_cannot_add_lines_events_or_properties():
    body = calendar_with()
    lines = body.decode().split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VCALENDAR") == 1
    assert not any(line.startswith(("X-EVIL", "END:VCALENDAR\\")) for line in lines)
    assert b"\x00" not in body and b"\x07" not in body
    assert b"\n" not in body.replace(b"\r\n", b"")


def test_independent_parsers_agree_on_the_hostile_feed():
    assert check_feed(calendar_with()) == []


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def near_today(monkeypatch):
    monkeypatch.setattr("booking.calendar.views.timezone.localdate", lambda: TODAY)


@pytest.fixture
def my_feed(teacher, school, lift):
    """A teacher's "my bookings" feed with one booking whose note has every special character."""
    services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 12),
        today=TODAY,
        note="Hej;\nmed komma, og \\",
    )
    return subscriptions.subscription_create(owner=teacher, kind="mine")


def test_a_feed_named_with_a_line_break_is_served(client, teacher, my_feed):
    subscription, raw = my_feed
    client.force_login(teacher)
    client.post(reverse("calendar:rename", args=[subscription.pk]), {"name": "Skolens\r\nkalender; A,B"})
    client.logout()
    response = client.get(reverse("calendar:feed", args=[raw]))
    assert response.status_code == 200
    assert read(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "Skolens\nkalender; A,B"


def test_the_feed_is_danish_whoever_fetched_it_first(client, my_feed, settings):
    _, raw = my_feed
    url = reverse("calendar:feed", args=[raw])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_browser = client.get(url)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    calendar_app = client.get(url)
    assert english_browser.content == calendar_app.content
    assert "Booket af" in calendar_app.content.decode()
    assert "Mine bookinger hos Videnscenter" in calendar_app.content.decode()
