"""check_feed catches what it claims to: each fixture in tests/feeds/fixtures is good.ics with one
deliberate defect, and check_feed names that defect (and finds nothing in good.ics itself)."""

from pathlib import Path

import pytest

from tests.feeds import parsers

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_the_unbroken_original_has_no_problem():
    assert parsers.check_feed(fixture("good.ics")) == []


def test_every_fixture_but_the_good_one_is_checked_below():
    assert {p.name for p in FIXTURES.glob("*.ics")} == {"good.ics", *BROKEN}


BROKEN = {
    # A continuation line without its leading space: the SUMMARY is cut in two.
    "bad_folding.ics": [
        "line 32 is not a content line (a folded line without its leading space?): 'ssistentelever'",
        'ical.js: parse error: invalid line (no token ";" or ":") "ssistentelever"',
    ],
    # A date-time in TZID=Europe/Copenhagen, but no VTIMEZONE says what that is.
    "missing_vtimezone.ics": [
        "TZID=Europe/Copenhagen is used (line 26) but the calendar has no VTIMEZONE for it",
        # ical.js only knows the zones the file defines, so it reads the time as floating:
        "ical.js reads start of booking-B-DAY777@videnscenter as '2031-10-26T10:00:00', "
        "icalendar as '2031-10-26T09:00:00Z'",
    ],
    # The last line, END:VCALENDAR, is missing (a feed cut off in transfer).
    "unterminated.ics": [
        "BEGIN:VCALENDAR on line 1 is never ended (END:VCALENDAR missing)",
        "node-ical: expected one complete VCALENDAR, found 0",
        "libical: the input does not end with END:VCALENDAR",
        "ical.js: parse error: invalid ical body. component began but did not end",
    ],
    # The SUMMARY is written on one 88-octet line instead of being folded at 75.
    "unfolded_long_line.ics": ["line(s) 31 longer than 75 octets (not folded)"],
    # LF instead of CRLF after every line.
    "lf_line_endings.ics": ["line ending is not CRLF on line(s) 1, 2, 3, 4, 5 and 48 more"],
    # Two events with one UID: node-ical keeps only one of them.
    "duplicate_uid.ics": [
        "UID booking-B-FOLD42@videnscenter is used by 2 events",
        "node-ical reads 1 event(s), icalendar 2",
    ],
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_feed_names_the_defect_of_each_broken_fixture(name):
    problems = parsers.check_feed(fixture(name))

    for expected in BROKEN[name]:
        assert expected in problems, f"{name}: {expected!r} not in {problems}"


def test_every_parser_refuses_a_feed_cut_off_before_its_end():
    readings = parsers.read_all(fixture("unterminated.ics"))

    refused = {parser for parser, reading in readings.items() if isinstance(reading, parsers.FeedParseError)}
    assert refused == set(parsers.PARSERS)


def test_a_structural_defect_alone_is_found_even_where_every_parser_forgives_it():
    for name in ("unfolded_long_line.ics", "lf_line_endings.ics"):
        readings = parsers.read_all(fixture(name))
        assert parsers.disagreements(readings) == [], name  # all five read it fine ...
        assert parsers.check_feed(fixture(name)) != [], name  # ... and still it is reported
