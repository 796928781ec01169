import {
  addDays,
  type BusinessCalendar,
  fromLocal,
  isBusinessDay,
  parseClock,
  toLocal,
} from "../calendar/index.js";

// The agency's calendar never has a year without a business day; this only stops a broken calendar.
const MAX_BACK = 400;

/** The last business day strictly before `date` (YYYY-MM-DD), by the agency's calendar. */
export function previousBusinessDay(cal: BusinessCalendar, date: string): string {
  for (let i = 1; i <= MAX_BACK; i++) {
    const day = addDays(date, -i);
    if (isBusinessDay(cal, day)) return day;
  }
  throw new Error(`No business day within ${MAX_BACK} days before ${date}; check weekdays and holidays`);
}

/**
 * PY-3: the money a business day's check covers: recorded from the day after the previous business day
 * up to the end of the day itself, so money taken on a weekend or holiday (a callback, a statement) is
 * checked with the next business day and every receipt falls in exactly one day's check.
 */
export function checkWindow(cal: BusinessCalendar, date: string): { from: Date; to: Date } {
  const start = addDays(previousBusinessDay(cal, date), 1);
  return { from: fromLocal(start, 0, cal.timeZone), to: fromLocal(addDays(date, 1), 0, cal.timeZone) };
}

/** Today's local date, and whether today's business hours are over (or it is no business day at all). */
export function todayOf(cal: BusinessCalendar, now: Date): { today: string; afterHours: boolean } {
  const local = toLocal(now, cal.timeZone);
  const afterHours = !isBusinessDay(cal, local.date) || local.minutes >= parseClock(cal.hours.closing);
  return { today: local.date, afterHours };
}

/** The business days from `since` (inclusive) to `until` (exclusive), oldest first. */
export function businessDaysBetween(cal: BusinessCalendar, since: string, until: string): string[] {
  const days: string[] = [];
  for (let day = since; day < until; day = addDays(day, 1)) if (isBusinessDay(cal, day)) days.push(day);
  return days;
}
