"""An event as an iCalendar file: the "Add to calendar" download and the e-mails' attachment.

Pure: plain values in, bytes out. Follows ``booking.calendar.ical`` (the same PRODID, TEXT
escaping and Europe/Copenhagen VTIMEZONE); unlike bookings, events have a time of day, so
DTSTART/DTEND carry the TZID. DTSTAMP comes from the data, so unchanged data gives the same bytes.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from booking.calendar.ical import PRODID, TZID, copenhagen_vtimezone, text

COPENHAGEN = ZoneInfo(TZID)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime  # aware
    end: datetime  # aware
    last_modified: datetime  # aware
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def event_uid(event_id: int) -> str:
    return f"event-{event_id}@videnscenter"


def render_event(item: CalendarEvent, *, method: str = "PUBLISH") -> bytes:
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    cal.add("METHOD", method)
    cal.add("CALSCALE", "GREGORIAN")
    cal.add_component(copenhagen_vtimezone())
    event = Event()
    event.add("UID", text(item.uid))
    event.add("DTSTAMP", item.last_modified.astimezone(UTC).replace(microsecond=0))
    event.add("SEQUENCE", item.sequence)
    event.add("DTSTART", item.start.astimezone(COPENHAGEN).replace(microsecond=0))
    event.add("DTEND", item.end.astimezone(COPENHAGEN).replace(microsecond=0))
    event.add("SUMMARY", text(item.summary))
    event.add("STATUS", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.description:
        event.add("DESCRIPTION", text(item.description))
    if item.location:
        event.add("LOCATION", text(item.location))
    if item.url:
        event.add("URL", item.url)
    cal.add_component(event)
    return cal.to_ical()
