import type { Db } from "../platform/db/database.js";
import type { BusinessCalendar, BusinessHours } from "./business-calendar.js";
import { calendarsOf, listHolidayDates, listHolidayYears } from "./holidays.repo.js";
import { toLocal } from "./zoned-time.js";

interface AgencyCalendarSettings {
  id: string;
  timeZone: string;
  businessHours: BusinessHours;
  holidayCalendar: string;
}

/** The business calendar of one agency, read from its settings and holiday lists. */
export async function loadBusinessCalendar(
  db: Db,
  agency: AgencyCalendarSettings,
): Promise<BusinessCalendar> {
  return {
    timeZone: agency.timeZone,
    hours: agency.businessHours,
    holidays: await listHolidayDates(db, calendarsOf(agency)),
  };
}

export type HolidayYearWarning = { year: number; problem: "missing" | "provisional" };

/**
 * The years (this one and the next) whose holiday list is missing or not confirmed by an admin:
 * deadlines computed in them may be wrong, so the CLI and start-up warn about them.
 */
export async function holidayYearWarnings(db: Db, calendar: string, now: Date, timeZone: string) {
  const thisYear = Number(toLocal(now, timeZone).date.slice(0, 4));
  const years = new Map((await listHolidayYears(db, calendar)).map((y) => [y.year, y.status]));
  const warnings: HolidayYearWarning[] = [];
  for (const year of [thisYear, thisYear + 1]) {
    const status = years.get(year);
    if (status === undefined) warnings.push({ year, problem: "missing" });
    else if (status !== "confirmed") warnings.push({ year, problem: "provisional" });
  }
  return warnings;
}
