"""Every kind of calendar feed, fetched through its real URL, is read the same way by five parsers
this project did not write (icalendar, vobject, Mozilla's ical.js, node-ical, libical), and what
they read is what the database says: the UID, the all-day dates (also across both changes of
summer time), STATUS and SEQUENCE of every booking and PopUp centre."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar

from booking.calendar.ical import copenhagen_vtimezone
from booking.calendar.services import subscription_create
from booking.models import Booking, CalendarSubscription, PopUpCentre, PopUpItem
from booking.popups.services import popup_cancel, popup_schedule
from booking.services import booking_approve, booking_cancel, booking_change, booking_reject, booking_request
from tests.factories import CategoryFactory, EquipmentFactory, UnitFactory
from tests.feeds import parsers

pytestmark = pytest.mark.django_db

K = CalendarSubscription.Kind
TODAY = date(2031, 3, 3)  # a Monday with no holidays near it, as in tests/booking
MARCH_DST = date(2031, 3, 30)  # last Sunday of March 2031: clocks go from 02:00 to 03:00
OCTOBER_DST = date(2031, 10, 26)  # last Sunday of October 2031: clocks go from 03:00 back to 02:00
DAY = timedelta(days=1)
# What a booking's status is in a calendar; everything else (approved, handed out, ...) is CONFIRMED.
ICAL_STATUS = {
    Booking.Status.REQUESTED: "TENTATIVE",
    Booking.Status.CANCELLED: "CANCELLED",
    Booking.Status.REJECTED: "CANCELLED",
}
COMPARED = ("uid", "start", "end", "status", "sequence")


# --- data --------------------------------------------------------------------------------------


@pytest.fixture
def lift(centre):
    """Three lifts, 1 working day buffer each side, 3 working days notice, at most 30 days."""
    equipment = EquipmentFactory(
        name="Loftlift",
        slug="loftlift",
        owning_centre=centre,
        category=CategoryFactory(slug="lifte"),
        buffer_before_days=1,
        buffer_after_days=1,
        min_notice_days=3,
        max_loan_days=30,
    )
    for tag in ("L-1", "L-2", "L-3"):
        UnitFactory(equipment=equipment, asset_tag=tag)
    return equipment


@pytest.fixture
def seal(centre):
    equipment = EquipmentFactory(name="Robotsæl", slug="robotsael", owning_centre=centre)
    for n in (1, 2, 3):
        UnitFactory(equipment=equipment, asset_tag=f"SEAL-{n}")
    return equipment


def book(actor, organisation, equipment, start: date, end: date) -> Booking:
    return booking_request(
        actor=actor, organisation=organisation, equipment=equipment, start_date=start, end_date=end, today=TODAY
    )


@pytest.fixture
def bookings(teacher, coordinator, other_coordinator, staff, school, other_school, lift) -> dict[str, Booking]:
    """Loans in every state the feeds show, across both summer-time changes and on their Sundays."""
    made = {
        "across_march_dst": booking_approve(
            actor=staff, booking=book(teacher, school, lift, date(2031, 3, 27), date(2031, 4, 2)), today=TODAY
        ),
        "across_october_dst": book(teacher, school, lift, date(2031, 10, 23), date(2031, 10, 28)),
        "march_dst_sunday": book(teacher, school, lift, MARCH_DST, MARCH_DST),
        "october_dst_sunday": booking_approve(
            actor=staff, booking=book(teacher, school, lift, OCTOBER_DST, OCTOBER_DST), today=TODAY
        ),
        "rejected": booking_reject(
            actor=staff, booking=book(teacher, school, lift, date(2031, 6, 2), date(2031, 6, 4)), reason="Til service."
        ),
        "coordinators": book(coordinator, school, lift, date(2031, 5, 5), date(2031, 5, 9)),
        "other_school": book(other_coordinator, other_school, lift, date(2031, 5, 12), date(2031, 5, 14)),
    }
    changed = booking_change(
        actor=teacher,
        booking=book(teacher, school, lift, date(2031, 4, 7), date(2031, 4, 10)),
        start_date=date(2031, 4, 14),
        end_date=date(2031, 4, 17),
        today=TODAY,
    )
    made["changed_then_cancelled"] = booking_cancel(actor=teacher, booking=changed)
    # Cancelled more than 30 days ago: gone from every feed.
    old = booking_cancel(actor=teacher, booking=book(teacher, school, lift, date(2031, 9, 1), date(2031, 9, 3)))
    Booking.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    made["cancelled_long_ago"] = old
    for booking in made.values():
        booking.refresh_from_db()
    return made


@pytest.fixture
def popups(staff, centre, school, seal) -> dict[str, PopUpCentre]:
    def draft(slug, start, end):
        popup = PopUpCentre.objects.create(
            title=f"PopUp {slug}", slug=slug, host=school, owning_centre=centre, start_date=start, end_date=end
        )
        PopUpItem.objects.create(popup=popup, equipment=seal, quantity=1)
        return popup

    made = {
        "across_october_dst": popup_schedule(
            actor=staff, popup=draft("oktober", date(2031, 10, 20), date(2031, 10, 31)), today=TODAY
        ),
        "cancelled_march_sunday": popup_cancel(
            actor=staff, popup=popup_schedule(actor=staff, popup=draft("sommertid", MARCH_DST, MARCH_DST), today=TODAY)
        ),
        "draft": draft("kladde", date(2031, 5, 1), date(2031, 5, 2)),
    }
    for popup in made.values():
        popup.refresh_from_db()
    return made


# --- helpers -----------------------------------------------------------------------------------


def feed_url(owner, kind, **target) -> str:
    _, raw_token = subscription_create(owner=owner, kind=kind, **target)
    return reverse("calendar:feed", args=[raw_token])


def fetch(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def from_bookings(items, *, prefix="booking") -> list[dict]:
    return sorted(
        (
            {
                "uid": f"{prefix}-{b.reference}@videnscenter",
                "start": b.start_date.isoformat(),
                "end": (b.end_date + DAY).isoformat(),  # DTEND of an all-day event is the day after
                "status": ICAL_STATUS.get(b.status, "CONFIRMED"),
                "sequence": b.sequence,
            }
            for b in items
        ),
        key=lambda e: e["uid"],
    )


def from_popups(items) -> list[dict]:
    return sorted(
        (
            {
                "uid": f"popup-{p.pk}@videnscenter",
                "start": p.start_date.isoformat(),
                "end": (p.end_date + DAY).isoformat(),
                "status": "CANCELLED" if p.status == PopUpCentre.Status.CANCELLED else "CONFIRMED",
                "sequence": p.sequence,
            }
            for p in items
        ),
        key=lambda e: e["uid"],
    )


def compared(events: list[dict]) -> list[dict]:
    return [{field: event[field] for field in COMPARED} for event in events]


def read_by_all(body: bytes, *, tz: str = "Europe/Copenhagen") -> dict[str, list[dict]]:
    """What every parser reads; fails with every problem check_feed finds (none are expected)."""
    readings = parsers.read_all(body, tz=tz)
    assert parsers.structural_problems(body) + parsers.disagreements(readings) == []
    return readings


def assert_read_as(body: bytes, expected: list[dict]) -> dict[str, list[dict]]:
    readings = read_by_all(body)
    assert set(readings) == set(parsers.PARSERS)
    for parser, events in readings.items():
        assert compared(events) == expected, parser
    return readings


def cancelled_prefix() -> str:
    """How a cancelled event's title starts in Danish calendars."""
    with translation.override("da"):
        prefix = gettext("CANCELLED: %(title)s") % {"title": ""}
    assert prefix == "AFLYST: "
    return prefix


def summaries(readings, uid: str) -> dict[str, str]:
    return {parser: next(e["summary"] for e in events if e["uid"] == uid) for parser, events in readings.items()}


# --- the feeds ---------------------------------------------------------------------------------


def test_the_dates_the_feeds_are_built_from_are_the_summer_time_sundays():
    assert MARCH_DST.weekday() == OCTOBER_DST.weekday() == 6
    assert (MARCH_DST + timedelta(days=7)).month == 4 and (OCTOBER_DST + timedelta(days=7)).month == 11


def test_all_parsers_read_my_feed_as_the_database_says(client, teacher, bookings):
    body = fetch(client, feed_url(teacher, K.MINE))

    mine = [b for key, b in bookings.items() if key not in ("coordinators", "other_school", "cancelled_long_ago")]
    readings = assert_read_as(body, from_bookings(mine))

    # The values themselves, not only their agreement with the database.
    across = next(
        e for e in readings["libical"] if e["uid"].endswith(f"{bookings['across_march_dst'].reference}@videnscenter")
    )
    assert (across["start"], across["end"], across["status"]) == ("2031-03-27", "2031-04-03", "CONFIRMED")
    sunday = next(e for e in readings["ical.js"] if bookings["march_dst_sunday"].reference in e["uid"])
    assert (sunday["start"], sunday["end"], sunday["status"]) == ("2031-03-30", "2031-03-31", "TENTATIVE")
    rejected = f"booking-{bookings['rejected'].reference}@videnscenter"
    assert all(s.startswith(cancelled_prefix()) for s in summaries(readings, rejected).values())


def test_all_parsers_read_the_school_feed_as_the_database_says(client, teacher, school, bookings):
    body = fetch(client, feed_url(teacher, K.SCHOOL, organisation=school))

    schools = [b for key, b in bookings.items() if key not in ("other_school", "cancelled_long_ago")]
    assert_read_as(body, from_bookings(schools))


def test_all_parsers_read_the_equipment_occupancy_feed_without_personal_data(
    client, teacher, school, other_school, lift, bookings
):
    body = fetch(client, feed_url(teacher, K.EQUIPMENT, equipment=lift))

    occupied = [b for key, b in bookings.items() if key != "cancelled_long_ago"]
    readings = assert_read_as(body, from_bookings(occupied, prefix="occupancy"))
    text = body.decode()
    for private in (school.name, other_school.name, teacher.email, teacher.get_full_name(), "/booking/"):
        assert private not in text, private
    with translation.override("da"):
        taken = gettext("Taken – %(item)s") % {"item": lift}
    assert {e["summary"] for e in readings["node-ical"] if e["status"] != "CANCELLED"} == {taken}


def test_all_parsers_read_the_centre_feed_as_the_database_says(client, staff, centre, bookings):
    body = fetch(client, feed_url(staff, K.CENTRE, organisation=centre))

    assert_read_as(body, from_bookings(b for key, b in bookings.items() if key != "cancelled_long_ago"))


def test_all_parsers_read_the_public_popup_feed_as_the_database_says(client, teacher, popups):
    body = fetch(client, reverse("calendar:popups"))

    readings = assert_read_as(body, from_popups([popups["across_october_dst"], popups["cancelled_march_sunday"]]))
    cancelled = f"popup-{popups['cancelled_march_sunday'].pk}@videnscenter"
    assert set(summaries(readings, cancelled).values()) == {f"{cancelled_prefix()}PopUp: PopUp sommertid"}
    assert popups["cancelled_march_sunday"].sequence == 2  # scheduled, then cancelled
    # A subscription to the PopUp feed gets the very same calendar.
    assert fetch(client, feed_url(teacher, K.POPUPS)) == body


def test_a_popup_cancelled_while_still_a_draft_never_reaches_the_public_feed(client, staff, popups):
    never_published = popup_cancel(actor=staff, popup=popups["draft"])

    readings = read_by_all(fetch(client, reverse("calendar:popups")))
    for parser, events in readings.items():
        assert f"popup-{never_published.pk}@videnscenter" not in {e["uid"] for e in events}, parser


def test_a_changed_then_cancelled_booking_keeps_its_uid_with_a_higher_sequence(client, teacher, school, lift):
    url = feed_url(teacher, K.MINE)
    booking = book(teacher, school, lift, date(2031, 4, 7), date(2031, 4, 10))
    uid = f"booking-{booking.reference}@videnscenter"

    requested = read_by_all(fetch(client, url))
    booking_change(actor=teacher, booking=booking, start_date=MARCH_DST, end_date=date(2031, 4, 1), today=TODAY)
    changed = read_by_all(fetch(client, url))
    booking_cancel(actor=teacher, booking=booking)
    cancelled = read_by_all(fetch(client, url))

    for parser in parsers.PARSERS:
        (before,) = requested[parser]
        (after_change,) = changed[parser]
        (after_cancel,) = cancelled[parser]
        assert before["uid"] == after_change["uid"] == after_cancel["uid"] == uid, parser
        assert (before["start"], before["end"], before["status"]) == ("2031-04-07", "2031-04-11", "TENTATIVE")
        assert (after_change["start"], after_change["end"]) == ("2031-03-30", "2031-04-02"), parser
        assert after_cancel["status"] == "CANCELLED", parser
        assert (after_cancel["start"], after_cancel["end"]) == ("2031-03-30", "2031-04-02"), parser
        assert before["sequence"] < after_change["sequence"] < after_cancel["sequence"], parser
        assert after_cancel["summary"].startswith(cancelled_prefix()), parser
        assert not after_change["summary"].startswith(cancelled_prefix()), parser
    booking.refresh_from_db()
    assert cancelled["icalendar"][0]["sequence"] == booking.sequence == 2


@pytest.mark.parametrize(
    "tz", ["Europe/Copenhagen", "UTC", "America/Los_Angeles", "Pacific/Auckland", "Pacific/Kiritimati"]
)
def test_no_parser_shifts_an_all_day_date_whatever_the_readers_time_zone(client, teacher, bookings, tz):
    body = fetch(client, feed_url(teacher, K.MINE))
    expected = {
        "across_march_dst": ("2031-03-27", "2031-04-03"),
        "march_dst_sunday": ("2031-03-30", "2031-03-31"),
        "october_dst_sunday": ("2031-10-26", "2031-10-27"),
        "across_october_dst": ("2031-10-23", "2031-10-29"),
    }
    for parser in ("ical.js", "node-ical", "libical"):  # the ones that run in a process of their own
        read = {e["uid"]: (e["start"], e["end"]) for e in parsers.read_with(parser, body, tz=tz)}
        for key, dates in expected.items():
            assert read[f"booking-{bookings[key].reference}@videnscenter"] == dates, (parser, key)


@pytest.mark.parametrize("tzid", ["Europe/Copenhagen", "Copenhagen-from-this-file-only"])
def test_every_parser_applies_the_feeds_vtimezone_across_both_changes(tzid):
    """The VTIMEZONE every feed carries gives the right UTC offsets, also under a TZID that no
    parser knows by itself, where only the rules written in the feed can be used."""
    vtimezone = copenhagen_vtimezone().to_ical().decode().replace("TZID:Europe/Copenhagen", f"TZID:{tzid}")
    local_to_utc = {
        "20310329T120000": "2031-03-29T11:00:00Z",  # the day before: CET, +01:00
        "20310330T013000": "2031-03-30T00:30:00Z",  # half an hour before the change
        "20310330T033000": "2031-03-30T01:30:00Z",  # half an hour after: CEST, +02:00
        "20311025T120000": "2031-10-25T10:00:00Z",
        "20311026T013000": "2031-10-25T23:30:00Z",  # still summer time
        "20311026T033000": "2031-10-26T02:30:00Z",  # winter time again
        "20311027T120000": "2031-10-27T11:00:00Z",
    }
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:t{n}@test\r\nDTSTAMP:20310101T000000Z\r\n"
        f"DTSTART;TZID={tzid}:{local}\r\nDTEND;TZID={tzid}:{local}\r\nSUMMARY:t\r\nEND:VEVENT\r\n"
        for n, local in enumerate(local_to_utc)
    )
    body = (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n{vtimezone}{events}END:VCALENDAR\r\n".encode()
    )

    readings = read_by_all(body)
    for parser, read in readings.items():
        assert [e["start"] for e in sorted(read, key=lambda e: int(e["uid"][1:-5]))] == list(local_to_utc.values()), (
            parser
        )


FEED_KINDS = ["mine", "school", "equipment", "centre", "popups"]


@pytest.fixture
def feed_bodies(client, teacher, staff, school, centre, lift, bookings, popups) -> dict[str, tuple[bytes, str]]:
    """Each kind of feed with the name its calendar should show."""
    with translation.override("da"):
        popup_name = gettext("PopUp centres")
    urls = {
        "mine": feed_url(teacher, K.MINE, name="Mine lån"),
        "school": feed_url(teacher, K.SCHOOL, organisation=school, name="Skolens lån"),
        "equipment": feed_url(teacher, K.EQUIPMENT, equipment=lift, name="Lifte"),
        "centre": feed_url(staff, K.CENTRE, organisation=centre, name="Centrets lån"),
        "popups": reverse("calendar:popups"),
    }
    names = {"mine": "Mine lån", "school": "Skolens lån", "equipment": "Lifte", "centre": "Centrets lån"}
    return {kind: (fetch(client, url), names.get(kind, popup_name)) for kind, url in urls.items()}


def calendar_level(body: bytes) -> dict[str, list[str]]:
    """The raw properties of the VCALENDAR itself (not of its components), by name."""
    found: dict[str, list[str]] = {}
    depth = 0
    for _number, line in parsers.content_lines(body):
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            depth -= 1
        elif depth == 1:
            found.setdefault(name, []).append(line)
    return found


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_calendar_level_properties_are_what_the_clients_need(feed_bodies, kind):
    body, name = feed_bodies[kind]
    lines = [line for _number, line in parsers.content_lines(body)]
    top = calendar_level(body)

    assert lines.count("BEGIN:VTIMEZONE") == 1
    timezone_block = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE")]
    assert [line for line in timezone_block if line.startswith("TZID")] == ["TZID:Europe/Copenhagen"]
    assert "METHOD" not in top  # a METHOD makes Outlook treat the feed as an invitation
    assert "UID" not in top
    assert top["NAME"] == [f"NAME:{name}"]
    assert top["X-WR-CALNAME"] == [f"X-WR-CALNAME:{name}"]
    assert top["REFRESH-INTERVAL"] == ["REFRESH-INTERVAL;VALUE=DURATION:PT1H"]
    assert top["VERSION"] == ["VERSION:2.0"]
    assert len(top["PRODID"]) == 1
    # And as a parser sees it:
    calendar = Calendar.from_ical(body)
    assert "METHOD" not in calendar and "UID" not in calendar
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == name
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_check_feed_finds_nothing_wrong_with_a_real_feed(feed_bodies, kind):
    body, _name = feed_bodies[kind]
    assert parsers.check_feed(body) == []
    assert body.count(b"BEGIN:VEVENT") >= 2
