import {
  addBusinessDays,
  addDays,
  type BusinessCalendar,
  fromLocal,
  parseClock,
  toLocal,
} from "../calendar/index.js";

/**
 * The kind of day a clock counts. The manual's time limit (LF-1, RV-6) and a deficiency deadline count
 * the manual's kind (business days by default); RV-3's 30 days and LF-5's 7 days count calendar days.
 */
export type DayKind = "business" | "calendar";

/** A time the clock stood still (the applicant was awaited); `endedAt` null while it still stands. */
export interface ClockPause {
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * The closing time of the `days`-th day of `kind` after the day `from` falls in (its working start for
 * business days). 0 gives that day's own closing time.
 */
export function addDaysOfKind(cal: BusinessCalendar, from: Date, days: number, kind: DayKind): Date {
  if (kind === "business") return addBusinessDays(cal, from, days);
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a non-negative integer, got ${days}`);
  const date = addDays(toLocal(from, cal.timeZone).date, days);
  return fromLocal(date, parseClock(cal.hours.closing), cal.timeZone);
}

/**
 * Days of `kind` from the day of `from` up to, not including, the day of `to` (local dates): a pause
 * from Tuesday to Thursday stills Tuesday and Wednesday; one begun and ended on the same day stills none.
 * Counted by whole weeks and the agency's closed days in the range, not day by day: a queue shows how
 * late each of its matters is, some by months.
 */
export function countDaysOfKind(cal: BusinessCalendar, from: Date, to: Date, kind: DayKind): number {
  const start = dayNumber(toLocal(from, cal.timeZone).date);
  const end = dayNumber(toLocal(to, cal.timeZone).date);
  if (end <= start) return 0;
  if (kind === "calendar") return end - start;
  const open = (n: number) => cal.hours.weekdays.includes(weekdayOfDay(n));
  const weeks = Math.floor((end - start) / 7);
  let count = weeks * new Set(cal.hours.weekdays).size;
  for (let n = start + weeks * 7; n < end; n++) if (open(n)) count++;
  const closed = new Set<number>();
  for (const date of cal.holidays) closed.add(dayNumber(date));
  if (cal.hours.closedOnLabourDay)
    for (let year = dateOfDay(start).getUTCFullYear(); year <= dateOfDay(end).getUTCFullYear(); year++)
      closed.add(dayNumber(`${year}-05-01`));
  for (const n of closed) if (n >= start && n < end && open(n)) count--;
  return count;
}

/** Days since 1970-01-01 of a local date (YYYY-MM-DD). */
const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
const dateOfDay = (n: number) => new Date(n * 86_400_000);
/** ISO weekday (Monday 1 … Sunday 7) of a day number: 1970-01-01 was a Thursday. */
const weekdayOfDay = (n: number): number => ((((n + 3) % 7) + 7) % 7) + 1;

/**
 * When a clock of `amount` days of `kind`, started at `start`, runs out: each day it stood still moves
 * the end by one day of its kind. A pause still open counts up to `at`.
 *
 * @example
 * clockDue(cal, { start, amount: 15, kind: "business", pauses: [], at: now }) // the 15th business day's closing
 */
export function clockDue(
  cal: BusinessCalendar,
  clock: { start: Date; amount: number; kind: DayKind; pauses: readonly ClockPause[]; at: Date },
): Date {
  const stood = clock.pauses.reduce(
    (sum, p) => sum + countDaysOfKind(cal, p.startedAt, p.endedAt ?? clock.at, clock.kind),
    0,
  );
  return addDaysOfKind(cal, clock.start, clock.amount + stood, clock.kind);
}
