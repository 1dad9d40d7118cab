"""iCalendar (RFC 5545 / RFC 7986) rendering. Pure: plain values in, bytes out, no database.

Written for what Outlook, Google and Apple Calendar actually accept: all-day events with an
exclusive DTEND, a stable UID, SEQUENCE, DTSTAMP/LAST-MODIFIED from the data (never "now", so
unchanged data gives identical bytes), one RRULE-based VTIMEZONE for Europe/Copenhagen, and no
METHOD or calendar-level UID (which make some clients treat a feed as an invitation).
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur, vText

PRODID = "-//Videnscenter for Velfærdsteknologi//Booking//DA"
TZID = "Europe/Copenhagen"
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    summary: str
    first_day: date
    last_day: date  # inclusive; written as an exclusive DTEND
    sequence: int
    last_modified: datetime  # aware
    status: str  # CONFIRMED, TENTATIVE or CANCELLED
    description: str = ""
    location: str = ""
    url: str = ""


def copenhagen_vtimezone() -> Timezone:
    """Europe/Copenhagen with the EU summer-time rules, as the big clients export it themselves."""
    tz = Timezone()
    tz.add("TZID", TZID)
    tz.add("X-LIC-LOCATION", TZID)
    summer = TimezoneDaylight()
    summer.add("TZOFFSETFROM", timedelta(hours=1))
    summer.add("TZOFFSETTO", timedelta(hours=2))
    summer.add("TZNAME", "CEST")
    summer.add("DTSTART", datetime(1970, 3, 29, 2, 0, 0))
    summer.add("RRULE", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("TZOFFSETFROM", timedelta(hours=2))
    winter.add("TZOFFSETTO", timedelta(hours=1))
    winter.add("TZNAME", "CET")
    winter.add("DTSTART", datetime(1970, 10, 25, 3, 0, 0))
    winter.add("RRULE", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


# RFC 5545 TEXT allows no control characters but HTAB; line breaks are written as an escaped n.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> vText:
    """A TEXT value as RFC 5545 requires, whatever a person typed.

    Line breaks (CRLF, CR or LF) become one escaped ``\\n``, other control characters are dropped,
    and ``vText`` escapes backslash, semicolon and comma. Every text property goes through here,
    calendar-level ones (NAME, X-WR-CALNAME, X-WR-CALDESC) included, which icalendar would
    otherwise write raw.
    """
    cleaned = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return vText(CONTROL.sub("", cleaned))


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def render_calendar(*, name: str, description: str, events: list[FeedEvent], method: str = "") -> bytes:
    """A whole calendar. ``method`` only for e-mail attachments (PUBLISH); feeds must have none."""
    cal = _calendar(name=name, description=description, method=method)
    for item in sorted(events, key=lambda e: (e.first_day, e.uid)):
        cal.add_component(_event(item))
    return cal.to_ical()


def render_event(item: FeedEvent) -> bytes:
    """One VEVENT's lines, exactly as ``render_calendar`` writes them inside a calendar."""
    return _event(item).to_ical()


def assemble_calendar(*, name: str, description: str, events: list[tuple[tuple[date, str], bytes]]) -> bytes:
    """The bytes ``render_calendar`` would give, from VEVENTs rendered before (``render_event``),
    each with its sort key ``(first_day, uid)``: a feed renders only the events that changed."""
    head = _calendar(name=name, description=description, method="").to_ical()
    end = b"END:VCALENDAR\r\n"
    if not head.endswith(end):  # a different icalendar layout; the byte-for-byte test says so too
        raise ValueError("icalendar no longer ends a calendar with END:VCALENDAR")
    ordered = sorted(events, key=lambda pair: pair[0])
    return head[: -len(end)] + b"".join(body for _key, body in ordered) + end


def _calendar(*, name: str, description: str, method: str) -> Calendar:
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    if method:
        cal.add("METHOD", method)
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("NAME", text(name))
    cal.add("X-WR-CALNAME", text(name))
    cal.add("DESCRIPTION", text(description))
    cal.add("X-WR-CALDESC", text(description))
    cal.add("X-WR-TIMEZONE", TZID)
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    cal.add_component(copenhagen_vtimezone())
    return cal


def _event(item: FeedEvent) -> Event:
    event = Event()
    event.add("UID", text(item.uid))
    stamp = _utc(item.last_modified)
    event.add("DTSTAMP", stamp)
    event.add("LAST-MODIFIED", stamp)
    event.add("SEQUENCE", item.sequence)
    event.add("DTSTART", item.first_day)
    event.add("DTEND", item.last_day + timedelta(days=1))
    event.add("SUMMARY", text(item.summary))
    event.add("STATUS", item.status)
    event.add("TRANSP", "TRANSPARENT" if item.status == "CANCELLED" else "OPAQUE")
    if item.description:
        event.add("DESCRIPTION", text(item.description))
    if item.location:
        event.add("LOCATION", text(item.location))
    if item.url:
        event.add("URL", item.url)
    return event
