import type { Db } from "../platform/db/database.js";
import type { HolidayInput, HolidayYearInput } from "./holiday-file.js";

/** The holiday calendars an agency observes: the government list plus its own closures. */
export function calendarsOf(agency: { id: string; holidayCalendar: string }): string[] {
  return [agency.holidayCalendar, `agency:${agency.id}`];
}

export async function listHolidayDates(db: Db, calendars: string[]): Promise<Set<string>> {
  const rows = await db.selectFrom("holidays").select("date").where("calendar", "in", calendars).execute();
  return new Set(rows.map((r) => r.date));
}

export async function listHolidayYears(db: Db, calendar: string) {
  return db
    .selectFrom("holiday_years")
    .selectAll()
    .where("calendar", "=", calendar)
    .orderBy("year")
    .execute();
}

export async function listHolidays(db: Db, calendar: string, year: number) {
  return db
    .selectFrom("holidays")
    .selectAll()
    .where("calendar", "=", calendar)
    .where("date", ">=", `${year}-01-01`)
    .where("date", "<=", `${year}-12-31`)
    .orderBy("date")
    .execute();
}

/** Every holiday of `calendar`, by date. */
export async function listCalendarHolidays(db: Db, calendar: string) {
  return db.selectFrom("holidays").selectAll().where("calendar", "=", calendar).orderBy("date").execute();
}

/** Deletes one holiday of `calendar`; returns it, or undefined when there was none that day. */
export async function deleteHoliday(db: Db, calendar: string, date: string) {
  const holiday = await db
    .selectFrom("holidays")
    .selectAll()
    .where("calendar", "=", calendar)
    .where("date", "=", date)
    .executeTakeFirst();
  if (holiday)
    await db.deleteFrom("holidays").where("calendar", "=", calendar).where("date", "=", date).execute();
  return holiday;
}

/**
 * Adds one holiday to `calendar`; false when the calendar already has a holiday that day (left as it is).
 * The primary key (calendar, date) decides, so two admins adding the same day at once cannot both win.
 */
export async function insertHoliday(db: Db, calendar: string, h: HolidayInput): Promise<boolean> {
  const result = await db
    .insertInto("holidays")
    .values({
      calendar,
      date: h.date,
      name_th: h.nameTh,
      name_en: h.nameEn,
      kind: h.kind,
      source: h.source ?? null,
    })
    .onConflict((oc) => oc.columns(["calendar", "date"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Replaces each given year of `calendar` wholesale: the file is the list for that year. */
export async function replaceHolidayYears(db: Db, calendar: string, years: HolidayYearInput[], now: string) {
  for (const year of years) {
    await db
      .deleteFrom("holidays")
      .where("calendar", "=", calendar)
      .where("date", ">=", `${year.year}-01-01`)
      .where("date", "<=", `${year.year}-12-31`)
      .execute();
    if (year.holidays.length > 0) {
      await db
        .insertInto("holidays")
        .values(
          year.holidays.map((h) => ({
            calendar,
            date: h.date,
            name_th: h.nameTh,
            name_en: h.nameEn,
            kind: h.kind,
            source: h.source ?? null,
          })),
        )
        .execute();
    }
    const values = { status: year.status, source: year.source, updated_at: now };
    await db
      .insertInto("holiday_years")
      .values({ calendar, year: year.year, ...values })
      .onConflict((oc) => oc.columns(["calendar", "year"]).doUpdateSet(values))
      .execute();
  }
}

export async function setHolidayYearStatus(
  db: Db,
  calendar: string,
  year: number,
  status: "confirmed" | "provisional",
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("holiday_years")
    .set({ status, updated_at: now })
    .where("calendar", "=", calendar)
    .where("year", "=", year)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
