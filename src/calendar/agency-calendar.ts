import type { Db } from "../platform/db/database.js";
import type { BusinessCalendar, BusinessHours } from "./business-calendar.js";
import { computedHolidayYear } from "./computed-holidays.js";
import { calendarsOf, listHolidayDates, listHolidayYears } from "./holidays.repo.js";
import { LUNAR_YEARS } from "./thai-lunar.js";
import { toLocal } from "./zoned-time.js";

/** The calendar settings of one agency, as plain data (the calendar knows nothing of agencies). */
interface AgencyCalendarSettings {
  id: string;
  timeZone: string;
  businessHours: BusinessHours;
  holidayCalendar: string;
}

/** How many years past the last listed one Borikan computes holidays for (the gaps between are too). */
const COMPUTED_YEARS_AHEAD = 5;

/**
 * The years with no government list for which the computed holidays stand in: every gap from the first
 * listed year to a few years past the last. None when nothing is listed at all (an unseeded database).
 */
export function computedYears(listed: readonly number[]): number[] {
  if (listed.length === 0) return [];
  const have = new Set(listed);
  const years: number[] = [];
  const first = Math.max(Math.min(...listed), LUNAR_YEARS.first);
  const last = Math.min(Math.max(...listed) + COMPUTED_YEARS_AHEAD, LUNAR_YEARS.last);
  for (let y = first; y <= last; y++) if (!have.has(y)) years.push(y);
  return years;
}

/** Computed once per year and process: the lunar reckoning steps year by year from its anchor. */
const computedDates = new Map<number, readonly string[]>();
function computedHolidayDates(year: number): readonly string[] {
  let dates = computedDates.get(year);
  if (!dates) {
    dates = computedHolidayYear(year).holidays.map((h) => h.date);
    computedDates.set(year, dates);
  }
  return dates;
}

/**
 * The business calendar of one agency, read from its settings and holiday lists. A year without a
 * government list counts the holidays Borikan computes for it (provisional, warned about) until the
 * Cabinet's list is imported.
 */
export async function loadBusinessCalendar(
  db: Db,
  agency: AgencyCalendarSettings,
): Promise<BusinessCalendar> {
  const holidays = await listHolidayDates(db, calendarsOf(agency));
  const listed = (await listHolidayYears(db, agency.holidayCalendar)).map((y) => y.year);
  for (const year of computedYears(listed)) {
    for (const date of computedHolidayDates(year)) holidays.add(date);
  }
  return { timeZone: agency.timeZone, hours: agency.businessHours, holidays };
}

export type HolidayYearWarning = { year: number; problem: "missing" | "computed" | "provisional" };

/**
 * The years (this one and the next) whose holiday list is missing, computed by Borikan or not confirmed
 * by an admin: deadlines computed in them may be wrong, so the CLI and start-up warn about them.
 */
export async function holidayYearWarnings(db: Db, calendar: string, now: Date, timeZone: string) {
  const thisYear = Number(toLocal(now, timeZone).date.slice(0, 4));
  const rows = await listHolidayYears(db, calendar);
  const years = new Map(rows.map((y) => [y.year, y.status]));
  const computed = new Set(computedYears(rows.map((y) => y.year)));
  const warnings: HolidayYearWarning[] = [];
  for (const year of [thisYear, thisYear + 1]) {
    const status = years.get(year);
    if (status === undefined) warnings.push({ year, problem: computed.has(year) ? "computed" : "missing" });
    else if (status !== "confirmed") warnings.push({ year, problem: "provisional" });
  }
  return warnings;
}

/** The catalogue key of a holiday-year warning. */
export function holidayWarningKey(w: HolidayYearWarning) {
  return `warning.HOLIDAYS_${w.problem.toUpperCase()}` as
    | "warning.HOLIDAYS_MISSING"
    | "warning.HOLIDAYS_COMPUTED"
    | "warning.HOLIDAYS_PROVISIONAL";
}
