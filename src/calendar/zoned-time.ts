// Wall-clock arithmetic in a named IANA time zone using only Intl, so results do not depend on the
// server's TZ (CI runs with TZ=UTC; agencies' deadlines are in Asia/Bangkok).

export interface LocalDateTime {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Whole minutes since local midnight (seconds are truncated). */
  minutes: number;
  /** ISO weekday, 1 = Monday .. 7 = Sunday. */
  weekday: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what we want.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localFields(instant: Date, timeZone: string): Fields {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  const out: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour! % 24, // some ICU versions print midnight as "24"
    minute: out.minute!,
    second: out.second!,
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function formatDate(utcMs: number): string {
  const d = new Date(utcMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Parses a YYYY-MM-DD string to midnight UTC of that calendar date; throws unless it is a real date. */
function parseDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC maps years 0..99 to 1900..1999, so compare the round trip, not just the fields.
    if (formatDate(ms) === date) return ms;
  }
  throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

export function isValidDate(date: string): boolean {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const f = localFields(instant, timeZone);
  const date = `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
  return { date, minutes: f.hour * 60 + f.minute, weekday: weekdayOf(date) };
}

/** The local wall-clock fields of an instant, to the second, with the zone's offset then (minutes east of UTC). */
export function zonedFields(instant: Date, timeZone: string): Fields & { offsetMinutes: number } {
  return {
    ...localFields(instant, timeZone),
    offsetMinutes: Math.round(offsetAt(instant.getTime(), timeZone) / MS_PER_MINUTE),
  };
}

/** Offset (local minus UTC, in ms) of `timeZone` at the given instant. */
function offsetAt(utcMs: number, timeZone: string): number {
  const f = localFields(new Date(utcMs), timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const truncated = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return asUtc - truncated;
}

/**
 * Local wall time -> instant. The offset is looked up rather than assumed; the second pass
 * settles zones whose offset differs between the first guess and the answer (DST edges).
 */
export function fromLocal(date: string, minutes: number, timeZone: string): Date {
  if (!Number.isInteger(minutes)) throw new RangeError(`minutes must be an integer, got ${minutes}`);
  const wall = parseDate(date) + minutes * MS_PER_MINUTE;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return formatDate(parseDate(date) + days * MS_PER_DAY);
}

export function weekdayOf(date: string): number {
  return new Date(parseDate(date)).getUTCDay() || 7;
}

export function parseClock(hhmm: string): number {
  const m = CLOCK_RE.exec(hhmm);
  if (!m) throw new RangeError(`Not a valid HH:MM clock time: ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Thai official documents are dated in the Buddhist era: BE = CE + 543. */
export function buddhistYear(instant: Date, timeZone: string): number {
  return localFields(instant, timeZone).year + 543;
}
