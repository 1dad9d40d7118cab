"""Read an iCalendar feed from stdin with libical (the C library behind Evolution and many servers).

Runs under Debian's system python3 (/usr/bin/python3), not the virtualenv: libical comes from the
packages gir1.2-ical-3.0 and python3-gi through GObject introspection. Prints the events as JSON,
[{uid, start, end, status, sequence, summary}], in the same shape as the JavaScript readers:
dates as "2031-03-30", times with a known zone in UTC ("2031-03-30T08:00:00Z"), floating times
without offset. libical repairs what it can and records the rest as X-LIC-ERROR properties, so
those, a missing VCALENDAR and a VCALENDAR that is never closed all count as parse errors (exit 1).
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

VEVENT = ICalGLib.ComponentKind.VEVENT_COMPONENT


def fail(message: str) -> None:
    sys.stderr.write(f"libical: {message}\n")
    sys.exit(1)


def errors(component) -> list[str]:
    """The X-LIC-ERROR texts libical attached anywhere in the tree."""
    found = []
    prop = component.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(prop.get_value_as_string())
        prop = component.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child is not None:
        found += errors(child)
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return found


def when(time) -> str | None:
    if time is None or time.is_null_time():
        return None
    day = f"{time.get_year():04d}-{time.get_month():02d}-{time.get_day():02d}"
    if time.is_date():
        return day
    if time.is_utc() or time.get_timezone() is not None:
        time = time.clone()
        time.convert_to_zone_inplace(ICalGLib.Timezone.get_utc_timezone())
        suffix = "Z"
    else:
        suffix = ""  # floating, or a TZID the calendar does not define
    return (
        f"{time.get_year():04d}-{time.get_month():02d}-{time.get_day():02d}"
        f"T{time.get_hour():02d}:{time.get_minute():02d}:{time.get_second():02d}{suffix}"
    )


def text_of(component, kind) -> str | None:
    prop = component.get_first_property(kind)
    return None if prop is None else prop.get_value_as_string()


def main() -> None:
    source = sys.stdin.buffer.read().decode("utf-8")
    # libical silently closes whatever is still open at the end of the input.
    if not source.rstrip("\r\n").endswith("END:VCALENDAR"):
        fail("the input does not end with END:VCALENDAR")
    try:
        calendar = ICalGLib.Component.new_from_string(source)
    except TypeError:  # "constructor returned NULL": nothing could be parsed
        fail("no iCalendar component in the input")
    if calendar.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
        fail(f"top-level component is {ICalGLib.Component.kind_to_string(calendar.isa())}, not VCALENDAR")
    if calendar.count_errors():
        fail("; ".join(errors(calendar)) or f"{calendar.count_errors()} errors")
    events = []
    event = calendar.get_first_component(VEVENT)
    while event is not None:
        has_end = any(
            event.get_first_property(kind) is not None
            for kind in (ICalGLib.PropertyKind.DTEND_PROPERTY, ICalGLib.PropertyKind.DURATION_PROPERTY)
        )
        sequence = text_of(event, ICalGLib.PropertyKind.SEQUENCE_PROPERTY)
        events.append(
            {
                "uid": event.get_uid(),
                "start": when(event.get_dtstart()),
                "end": when(event.get_dtend()) if has_end else None,
                "status": text_of(event, ICalGLib.PropertyKind.STATUS_PROPERTY),
                "sequence": None if sequence is None else event.get_sequence(),
                "summary": event.get_summary(),
            }
        )
        event = calendar.get_next_component(VEVENT)
    sys.stdout.write(json.dumps(events, ensure_ascii=False))


if __name__ == "__main__":
    main()
