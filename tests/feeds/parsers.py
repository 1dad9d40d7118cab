"""Read calendar feeds with iCalendar parsers this project did not write, and check them.

Five readers, each giving the events as ``{uid, start, end, status, sequence, summary}``:

- ``icalendar`` (the library the feeds are rendered with, as the reference) and ``vobject``,
  in this process;
- Mozilla's ``ical.js`` (Thunderbird) and ``node-ical``, in Node (tests/feeds/js);
- ``libical`` (Evolution, many servers) through GObject introspection, in Debian's system python3.

Values are normalised the same way for all: a date is ``"2031-03-30"``, a date-time with a known
zone is UTC ``"2031-03-30T08:00:00Z"``, a floating one (or one whose TZID the reader could not
resolve) has no offset; a missing SEQUENCE is 0 (RFC 5545 3.8.7.4). ``check_feed`` adds the
structural rules clients depend on and reports, in words, everything that is wrong.
"""

import functools
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
JS_DIR = HERE / "js"
SYSTEM_PYTHON = Path("/usr/bin/python3")
PARSERS = ("icalendar", "vobject", "ical.js", "node-ical", "libical")
REFERENCE = "icalendar"
FIELDS = ("uid", "start", "end", "status", "sequence", "summary")
TIMEOUT = 30  # seconds for one subprocess reader
INSTALL_HINT = "run tests/feeds/install.sh"


class ParserUnavailable(Exception):
    """The parser is not installed here."""


class FeedParseError(Exception):
    """The parser refused the feed (or could not read an event of it)."""

    def __init__(self, parser: str, message: str):
        super().__init__(f"{parser}: {message}")
        self.parser = parser


# --- availability -------------------------------------------------------------------------------


@functools.cache
def unavailable(parser: str) -> str | None:
    """Why ``parser`` cannot run here, or None when it can."""
    if parser in ("ical.js", "node-ical"):
        if shutil.which("node") is None:
            return f"{parser}: node is not installed (Node.js 20 or newer)"
        package = {"ical.js": "ical.js", "node-ical": "node-ical"}[parser]
        if not (JS_DIR / "node_modules" / package / "package.json").is_file():
            return f"{parser}: tests/feeds/js/node_modules is missing; {INSTALL_HINT}"
        return None
    if parser == "libical":
        probe = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
        if not SYSTEM_PYTHON.exists():
            return f"libical: {SYSTEM_PYTHON} does not exist"
        result = subprocess.run(
            [str(SYSTEM_PYTHON), "-c", probe], capture_output=True, timeout=TIMEOUT, check=False, env=_env("UTC")
        )
        if result.returncode:
            return f"libical: gir1.2-ical-3.0 / python3-gi missing for {SYSTEM_PYTHON}; {INSTALL_HINT}"
        return None
    if parser == "vobject":
        try:
            import vobject  # noqa: F401
        except ImportError:
            return "vobject: not installed in the virtualenv; pip install -r requirements-dev.txt"
        return None
    if parser == "icalendar":
        return None
    raise ValueError(f"unknown parser {parser!r}")


def missing_parsers() -> list[str]:
    return [reason for parser in PARSERS if (reason := unavailable(parser))]


# --- reading ------------------------------------------------------------------------------------


def read_with(parser_name: str, ics_bytes: bytes, *, tz: str = "Europe/Copenhagen") -> list[dict]:
    """The events of ``ics_bytes`` as ``parser_name`` reads them, normalised and sorted by UID.

    ``tz`` is the local time zone of the reading process (it matters to node-ical). Raises
    FeedParseError when the parser refuses the feed, ParserUnavailable when it is not installed.
    """
    reason = unavailable(parser_name)
    if reason:
        raise ParserUnavailable(reason)
    reader = {
        "icalendar": _read_icalendar,
        "vobject": _read_vobject,
        "ical.js": functools.partial(_read_subprocess, "ical.js", [_node(), str(JS_DIR / "read_icaljs.mjs")]),
        "node-ical": functools.partial(_read_subprocess, "node-ical", [_node(), str(JS_DIR / "read_nodeical.mjs")]),
        "libical": functools.partial(_read_subprocess, "libical", [str(SYSTEM_PYTHON), str(HERE / "read_libical.py")]),
    }[parser_name]
    events = [_normalise(raw) for raw in reader(ics_bytes, tz=tz)]
    return sorted(events, key=lambda e: (str(e["uid"]), str(e["start"])))


def read_all(ics_bytes: bytes, *, tz: str = "Europe/Copenhagen") -> dict[str, list[dict] | FeedParseError]:
    """Every parser's reading; a refusal is returned (not raised) so that all parsers get their say."""
    readings: dict[str, list[dict] | FeedParseError] = {}
    for parser in PARSERS:
        try:
            readings[parser] = read_with(parser, ics_bytes, tz=tz)
        except FeedParseError as error:
            readings[parser] = error
    return readings


def _node() -> str:
    return shutil.which("node") or "node"


def _env(tz: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": tz, "LANG": "C.UTF-8"}


def _read_subprocess(parser: str, command: list[str], ics_bytes: bytes, *, tz: str) -> list[dict]:
    result = subprocess.run(command, input=ics_bytes, capture_output=True, timeout=TIMEOUT, check=False, env=_env(tz))
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FeedParseError(parser, message[-1].removeprefix(f"{parser}: ") if message else "failed")
    return json.loads(result.stdout)


def _read_icalendar(ics_bytes: bytes, *, tz: str) -> list[dict]:
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(ics_bytes, multiple=True)
    except ValueError as error:
        raise FeedParseError("icalendar", f"parse error: {error}")
    if len(calendars) != 1 or calendars[0].name != "VCALENDAR":
        found = ", ".join(c.name for c in calendars) or "none complete"
        raise FeedParseError("icalendar", f"expected one VCALENDAR, found {found}")
    calendar = calendars[0]
    problems = [f"{component.name}: {error}" for component in calendar.walk() for error in component.errors]
    if problems:
        raise FeedParseError("icalendar", "; ".join(str(p) for p in problems))
    events = []
    for event in calendar.walk("VEVENT"):
        try:
            end = event.decoded("DTEND") if "DTEND" in event else (event.end if "DURATION" in event else None)
            events.append(
                {
                    "uid": str(event["UID"]) if "UID" in event else None,
                    "start": event.decoded("DTSTART") if "DTSTART" in event else None,
                    "end": end,
                    "status": str(event["STATUS"]) if "STATUS" in event else None,
                    "sequence": event.decoded("SEQUENCE") if "SEQUENCE" in event else None,
                    "summary": str(event["SUMMARY"]) if "SUMMARY" in event else None,
                }
            )
        except (KeyError, ValueError, TypeError) as error:
            raise FeedParseError("icalendar", f"cannot read an event: {error}")
    return events


def _read_vobject(ics_bytes: bytes, *, tz: str) -> list[dict]:
    import vobject
    import vobject.icalendar

    # vobject keeps every VTIMEZONE it has seen in a module-level map; start each read afresh so a
    # feed without its VTIMEZONE cannot borrow the one of the feed read before it.
    getattr(vobject.icalendar, "__tzidMap").clear()
    try:
        calendars = list(vobject.readComponents(ics_bytes.decode("utf-8"), validate=True))
    except (vobject.base.ParseError, vobject.base.ValidateError, UnicodeDecodeError, ValueError) as error:
        raise FeedParseError("vobject", f"parse error: {error}")
    if len(calendars) != 1 or calendars[0].name != "VCALENDAR":
        found = ", ".join(c.name for c in calendars) or "none"
        raise FeedParseError("vobject", f"expected one VCALENDAR, found {found}")
    events = []
    for event in calendars[0].contents.get("vevent", []):
        try:
            end = event.dtend.value if hasattr(event, "dtend") else None
            if end is None and hasattr(event, "duration"):
                end = event.dtstart.value + event.duration.value
            events.append(
                {
                    "uid": event.uid.value if hasattr(event, "uid") else None,
                    "start": event.dtstart.value if hasattr(event, "dtstart") else None,
                    "end": end,
                    "status": event.status.value if hasattr(event, "status") else None,
                    "sequence": event.sequence.value if hasattr(event, "sequence") else None,
                    "summary": event.summary.value if hasattr(event, "summary") else None,
                }
            )
        except (vobject.base.ParseError, ValueError, TypeError, AttributeError) as error:
            raise FeedParseError("vobject", f"cannot read an event: {error}")
    return events


def _when(value) -> str | None:
    """One spelling for a date or date-time, whichever parser it came from."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(microsecond=0).isoformat()
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not a date or date-time: {value!r}")


def _normalise(raw: dict) -> dict:
    sequence = raw.get("sequence")
    return {
        "uid": raw.get("uid"),
        "start": _when(raw.get("start")),
        "end": _when(raw.get("end")),
        "status": str(raw["status"]).upper() if raw.get("status") else None,
        "sequence": 0 if sequence in (None, "") else int(sequence),
        "summary": raw.get("summary"),
    }


# --- checking -----------------------------------------------------------------------------------

NAME = r"[A-Za-z0-9-]+"
PARAM_VALUE = r'(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
CONTENT_LINE = re.compile(rf"^{NAME}(?:;{NAME}={PARAM_VALUE}(?:,{PARAM_VALUE})*)*:")
TZID_PARAM = re.compile(rf";TZID=({PARAM_VALUE})[;:]", re.IGNORECASE)


def content_lines(ics_bytes: bytes) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    text = ics_bytes.decode("utf-8", "replace").replace("\r\n", "\n")
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(text.split("\n"), start=1):
        if physical[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + physical[1:])
        elif physical:
            lines.append((number, physical))
    return lines


def structural_problems(ics_bytes: bytes) -> list[str]:
    """RFC 5545 rules the parsers forgive but some calendar clients do not."""
    problems: list[str] = []
    try:
        ics_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"not UTF-8: {error}")
    physical = ics_bytes.split(b"\n")
    if physical[-1] != b"":
        problems.append("the last line does not end with CRLF")
    bare = [n for n, line in enumerate(physical[:-1], start=1) if not line.endswith(b"\r") or b"\r" in line[:-1]]
    if bare:
        problems.append(f"line ending is not CRLF on line(s) {_some(bare)}")
    long = [n for n, line in enumerate(physical, start=1) if len(line.removesuffix(b"\r")) > 75]
    if long:
        problems.append(f"line(s) {_some(long)} longer than 75 octets (not folded)")

    lines = content_lines(ics_bytes)
    for number, line in lines:
        if not CONTENT_LINE.match(line):
            problems.append(f"line {number} is not a content line (a folded line without its leading space?): {line!r}")
    problems += _nesting_problems(lines)

    defined, used, uids = set(), {}, []
    stack: list[str] = []
    for number, line in lines:
        name, _, value = _split(line)
        if name == "BEGIN":
            stack.append(value.upper())
        elif name == "END" and stack:
            stack.pop()
        elif name == "TZID" and stack[-1:] == ["VTIMEZONE"]:
            if value in defined:
                problems.append(f"VTIMEZONE {value} is defined twice")
            defined.add(value)
        elif name == "UID" and stack[-1:] == ["VEVENT"]:
            uids.append(value)
        for tzid in TZID_PARAM.findall(line.split(":", 1)[0] + ":"):
            used.setdefault(tzid.strip('"'), number)
    for tzid, number in sorted(used.items()):
        if tzid not in defined:
            problems.append(f"TZID={tzid} is used (line {number}) but the calendar has no VTIMEZONE for it")
    for uid, count in sorted(Counter(uids).items()):
        if count > 1:
            problems.append(f"UID {uid} is used by {count} events")
    return problems


def _split(line: str) -> tuple[str, str, str]:
    head, _, value = line.partition(":")
    return head.split(";", 1)[0].upper(), head, value.strip()


def _nesting_problems(lines: list[tuple[int, str]]) -> list[str]:
    problems = []
    stack: list[tuple[str, int]] = []
    calendars = 0
    for number, line in lines:
        name, _, value = _split(line)
        if name == "BEGIN":
            if value.upper() == "VCALENDAR":
                calendars += 1
                if stack:
                    problems.append(f"line {number}: VCALENDAR inside {stack[-1][0]}")
            elif not stack:
                problems.append(f"line {number}: BEGIN:{value} outside a VCALENDAR")
            stack.append((value.upper(), number))
        elif name == "END":
            if not stack:
                problems.append(f"line {number}: END:{value} without a BEGIN")
            elif stack[-1][0] != value.upper():
                problems.append(f"line {number}: END:{value} closes BEGIN:{stack[-1][0]} of line {stack[-1][1]}")
                stack.pop()
            else:
                stack.pop()
        elif not stack:
            problems.append(f"line {number}: property {name} outside a VCALENDAR")
    for component, number in reversed(stack):
        problems.append(f"BEGIN:{component} on line {number} is never ended (END:{component} missing)")
    if calendars != 1:
        problems.append(f"expected exactly one VCALENDAR, found {calendars}")
    if lines and lines[0][1].upper() != "BEGIN:VCALENDAR":
        problems.append("the feed does not start with BEGIN:VCALENDAR")
    return problems


def disagreements(readings: dict[str, list[dict] | FeedParseError]) -> list[str]:
    """Where a parser refused the feed or read something else than the reference parser."""
    problems = [str(r) for r in readings.values() if isinstance(r, FeedParseError)]
    good = {p: r for p, r in readings.items() if not isinstance(r, FeedParseError)}
    if not good:
        return problems
    reference = REFERENCE if REFERENCE in good else next(iter(good))
    expected = {e["uid"]: e for e in good[reference]}
    for parser, events in good.items():
        if parser == reference:
            continue
        found = {e["uid"]: e for e in events}
        if len(events) != len(good[reference]):
            problems.append(f"{parser} reads {len(events)} event(s), {reference} {len(good[reference])}")
        for uid in sorted(expected.keys() - found.keys(), key=str):
            problems.append(f"{parser} does not see event {uid} that {reference} reads")
        for uid in sorted(found.keys() - expected.keys(), key=str):
            problems.append(f"{parser} reads event {uid} that {reference} does not")
        for uid in sorted(expected.keys() & found.keys(), key=str):
            for field in FIELDS:
                if found[uid][field] != expected[uid][field]:
                    problems.append(
                        f"{parser} reads {field} of {uid} as {found[uid][field]!r}, "
                        f"{reference} as {expected[uid][field]!r}"
                    )
    return problems


def check_feed(ics_bytes: bytes, *, tz: str = "Europe/Copenhagen") -> list[str]:
    """Everything wrong with a feed: structure, parsers that refuse it, parsers that disagree."""
    return structural_problems(ics_bytes) + disagreements(read_all(ics_bytes, tz=tz))


def _some(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:5])
    return shown + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
