// Reads an iCalendar feed from stdin with node-ical and prints its events as JSON:
// [{uid, start, end, status, sequence, summary}], in the same shape as read_icaljs.mjs.
// node-ical makes all-day values local midnight (Date.dateOnly), so their calendar date is read
// with the local getters, as node-ical itself does; run it under different TZ values to catch
// shifted days. Exits 1 with a message when the feed cannot be read.
import { readFileSync } from "node:fs";
import ical from "node-ical";

function fail(message) {
  process.stderr.write(`node-ical: ${message}\n`);
  process.exit(1);
}

function pad(n) {
  return String(n).padStart(2, "0");
}

function localDate(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function when(d) {
  if (d === undefined || d === null) return null;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) fail(`not a date: ${JSON.stringify(d)}`);
  if (d.dateOnly) return localDate(d);
  if (!d.tz) {
    // Floating: node-ical puts it in this computer's zone; give back the wall-clock time.
    return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  return d.toISOString().replace(".000Z", "Z");
}

function text(value) {
  // Properties with parameters come back as {params, val}.
  if (value && typeof value === "object" && "val" in value) return value.val;
  return value ?? null;
}

const source = readFileSync(0, "utf8");
let data;
try {
  data = ical.sync.parseICS(source);
} catch (error) {
  fail(`parse error: ${error.message}`);
}
// node-ical never throws on a truncated feed; it only yields a VCALENDAR entry once the
// calendar is closed, so a missing one means the input was not one complete VCALENDAR.
const calendars = Object.values(data).filter((c) => c && c.type === "VCALENDAR");
if (calendars.length !== 1) fail(`expected one complete VCALENDAR, found ${calendars.length}`);

const events = Object.values(data)
  .filter((c) => c && c.type === "VEVENT")
  .map((event) => ({
    uid: event.uid,
    start: when(event.start),
    end: when(event.end),
    status: text(event.status),
    sequence: event.sequence === undefined ? null : Number(event.sequence),
    summary: text(event.summary),
  }));
process.stdout.write(JSON.stringify(events));
