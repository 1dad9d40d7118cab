// Reads an iCalendar feed from stdin with Mozilla's ical.js and prints its events as JSON:
// [{uid, start, end, status, sequence, summary}]. Dates stay dates ("2031-03-30"); times with a
// known zone become UTC ("2031-03-30T08:00:00Z"); floating times or times in a zone the file
// does not define stay without offset. Exits 1 with a message when the feed cannot be read.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function fail(message) {
  process.stderr.write(`ical.js: ${message}\n`);
  process.exit(1);
}

function pad(n) {
  return String(n).padStart(2, "0");
}

function when(time) {
  if (!time) return null;
  if (time.isDate) return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
  const tzid = time.zone ? time.zone.tzid : "floating";
  if (tzid === "floating") {
    return `${time.year}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
  }
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

const text = readFileSync(0, "utf8");
let root;
try {
  const parsed = ICAL.parse(text);
  if (Array.isArray(parsed) && typeof parsed[0] !== "string") {
    fail(`expected one VCALENDAR, found ${parsed.length} top-level components`);
  }
  root = new ICAL.Component(parsed);
} catch (error) {
  fail(`parse error: ${error.message}`);
}
if (root.name !== "vcalendar") fail(`top-level component is ${root.name}, not VCALENDAR`);

const events = [];
try {
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const sequence = vevent.getFirstPropertyValue("sequence");
    events.push({
      uid: event.uid,
      start: when(event.startDate),
      end: vevent.hasProperty("dtend") || vevent.hasProperty("duration") ? when(event.endDate) : null,
      status: vevent.getFirstPropertyValue("status"),
      sequence: sequence === null ? null : Number(sequence),
      summary: event.summary,
    });
  }
} catch (error) {
  fail(`cannot read an event: ${error.message}`);
}
process.stdout.write(JSON.stringify(events));
