// Business-day arithmetic for deadlines under CH-3 (counting starts at the next business day) and
// CH-4 (acknowledgement deadlines). Business hours are the half-open interval [opening, closing)
// in the calendar's own time zone, never the server's.
import { addDays, buddhistYear, fromLocal, parseClock, toLocal, weekdayOf } from "./zoned-time.js";

export interface BusinessHours {
  /** ISO weekdays (1 = Monday .. 7 = Sunday) on which the agency is open. */
  weekdays: readonly number[];
  /** "HH:MM", inclusive. */
  opening: string;
  /** "HH:MM", exclusive: an item arriving exactly at closing is after hours. */
  closing: string;
  /** "HH:MM" deadline on the next business day for items received after hours (CH-4). */
  acknowledgeByNextDay: string;
  /**
   * Whether the agency's offices close on National Labour Day (วันแรงงานแห่งชาติ, 1 May). It is a bank and
   * private-sector holiday, not in the government's annual list, so offices normally stay open; an agency
   * that closes says so. Absent means open.
   */
  closedOnLabourDay?: boolean;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = Object.freeze({
  weekdays: Object.freeze([1, 2, 3, 4, 5]),
  opening: "08:30",
  closing: "16:30",
  acknowledgeByNextDay: "10:00",
  closedOnLabourDay: false,
});

export interface BusinessCalendar {
  timeZone: string;
  hours: BusinessHours;
  /** Local dates (YYYY-MM-DD) on which the agency is closed. */
  holidays: ReadonlySet<string>;
}

/** Longest run of closed days we search before deciding the calendar has no business days at all. */
const MAX_SEARCH_DAYS = 400;

interface Clock {
  opening: number;
  closing: number;
  acknowledgeByNextDay: number;
}

function clockOf(cal: BusinessCalendar): Clock {
  const opening = parseClock(cal.hours.opening);
  const closing = parseClock(cal.hours.closing);
  if (opening >= closing) {
    throw new RangeError(`Opening ${cal.hours.opening} must be before closing ${cal.hours.closing}`);
  }
  return { opening, closing, acknowledgeByNextDay: parseClock(cal.hours.acknowledgeByNextDay) };
}

export function isBusinessDay(cal: BusinessCalendar, date: string): boolean {
  if (cal.hours.closedOnLabourDay && date.endsWith("-05-01")) return false;
  return cal.hours.weekdays.includes(weekdayOf(date)) && !cal.holidays.has(date);
}

/** First business date on or after `date` (or strictly after, when `inclusive` is false). */
function nextBusinessDate(cal: BusinessCalendar, date: string, inclusive: boolean): string {
  for (let i = inclusive ? 0 : 1; i <= MAX_SEARCH_DAYS; i++) {
    const candidate = addDays(date, i);
    if (isBusinessDay(cal, candidate)) return candidate;
  }
  throw new Error(
    `No business day within ${MAX_SEARCH_DAYS} days after ${date}; check weekdays and holidays`,
  );
}

export function isWithinBusinessHours(cal: BusinessCalendar, instant: Date): boolean {
  const { opening, closing } = clockOf(cal);
  const local = toLocal(instant, cal.timeZone);
  return isBusinessDay(cal, local.date) && local.minutes >= opening && local.minutes < closing;
}

export function nextBusinessDayStart(cal: BusinessCalendar, instant: Date): Date {
  const { opening } = clockOf(cal);
  const today = toLocal(instant, cal.timeZone).date;
  let date = nextBusinessDate(cal, today, true);
  let start = fromLocal(date, opening, cal.timeZone);
  // Today's opening may already have passed; then the answer is the following business day.
  if (start.getTime() <= instant.getTime()) {
    date = nextBusinessDate(cal, date, false);
    start = fromLocal(date, opening, cal.timeZone);
  }
  return start;
}

/** CH-3: an item received outside business hours counts from the start of the next business day. */
export function workingStart(cal: BusinessCalendar, receivedAt: Date): Date {
  if (isWithinBusinessHours(cal, receivedAt)) return new Date(receivedAt.getTime());
  return nextBusinessDayStart(cal, receivedAt);
}

/**
 * CH-4: acknowledge by closing time of the same business day, or, when received after hours,
 * by the acknowledgeByNextDay time of the next business day.
 */
export function acknowledgeBy(cal: BusinessCalendar, receivedAt: Date): Date {
  const clock = clockOf(cal);
  if (isWithinBusinessHours(cal, receivedAt)) {
    return fromLocal(toLocal(receivedAt, cal.timeZone).date, clock.closing, cal.timeZone);
  }
  const nextDay = toLocal(nextBusinessDayStart(cal, receivedAt), cal.timeZone).date;
  return fromLocal(nextDay, clock.acknowledgeByNextDay, cal.timeZone);
}

/**
 * Buddhist-era year under which the register numbers the item. The register dates an entry at its
 * working start (CH-3), so mail arriving after the last business day of a year belongs to the next.
 */
export function registerYear(cal: BusinessCalendar, receivedAt: Date): number {
  return buddhistYear(workingStart(cal, receivedAt), cal.timeZone);
}

/**
 * Closing instant of the `days`-th business day after the business day on which counting starts
 * (CH-3); `days` = 0 gives closing time of that day itself.
 */
export function addBusinessDays(cal: BusinessCalendar, from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`days must be a non-negative integer, got ${days}`);
  }
  const { closing } = clockOf(cal);
  let date = toLocal(workingStart(cal, from), cal.timeZone).date;
  for (let i = 0; i < days; i++) date = nextBusinessDate(cal, date, false);
  return fromLocal(date, closing, cal.timeZone);
}
