"""iCalendar (RFC 5545 / RFC 7986) rendering. Pure: plain values in, bytes out, no database.

Written for what Outlook, Google and Apple Calendar actually accept: all-day events with an
exclusive DTEND, a stable UID, SEQUENCE, DTSTAMP/LAST-MODIFIED from the data (never "now", so
unchanged data gives identical bytes), one RRULE-based VTIMEZONE for Europe/Copenhagen, and no
METHOD or calendar-level UID (which make some clients treat a feed as an invitation).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur

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


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def render_calendar(*, name: str, description: str, events: list[FeedEvent], method: str = "") -> bytes:
    """A whole calendar. ``method`` only for e-mail attachments (PUBLISH); feeds must have none."""
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    if method:
        cal.add("METHOD", method)
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)
    cal.add("DESCRIPTION", description)
    cal.add("X-WR-CALDESC", description)
    cal.add("X-WR-TIMEZONE", TZID)
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    cal.add_component(copenhagen_vtimezone())
    for item in sorted(events, key=lambda e: (e.first_day, e.uid)):
        cal.add_component(_event(item))
    return cal.to_ical()


def _event(item: FeedEvent) -> Event:
    event = Event()
    event.add("UID", item.uid)
    stamp = _utc(item.last_modified)
    event.add("DTSTAMP", stamp)
    event.add("LAST-MODIFIED", stamp)
    event.add("SEQUENCE", item.sequence)
    event.add("DTSTART", item.first_day)
    event.add("DTEND", item.last_day + timedelta(days=1))
    event.add("SUMMARY", item.summary)
    event.add("STATUS", item.status)
    event.add("TRANSP", "TRANSPARENT" if item.status == "CANCELLED" else "OPAQUE")
    if item.description:
        event.add("DESCRIPTION", item.description)
    if item.location:
        event.add("LOCATION", item.location)
    if item.url:
        event.add("URL", item.url)
    return event
