import {
  addBusinessDays,
  addDays,
  type BusinessCalendar,
  fromLocal,
  isBusinessDay,
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
 */
export function countDaysOfKind(cal: BusinessCalendar, from: Date, to: Date, kind: DayKind): number {
  let date = toLocal(from, cal.timeZone).date;
  const end = toLocal(to, cal.timeZone).date;
  let count = 0;
  while (date < end) {
    if (kind === "calendar" || isBusinessDay(cal, date)) count++;
    date = addDays(date, 1);
  }
  return count;
}

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
