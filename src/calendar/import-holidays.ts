import { listAgencies } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { recomputeOpenDeadlines } from "../register/index.js";
import { loadBusinessCalendar } from "./agency-calendar.js";
import type { HolidayYearInput } from "./holiday-file.js";
import { replaceHolidayYears } from "./holidays.repo.js";

/**
 * Imports holiday lists into a calendar ("TH" or "agency:<id>"), replacing each year given. In the same
 * transaction, every agency observing that calendar has its open entries' deadlines recomputed, and the
 * change is audited. Returns how many entries changed deadline.
 */
export async function importHolidays(
  handle: DatabaseHandle,
  calendar: string,
  years: HolidayYearInput[],
  ctx: { clock: Clock; actor: string },
): Promise<{ years: number[]; entriesRecomputed: number }> {
  const at = ctx.clock.now().toISOString();
  return withTransaction(handle, async (trx) => {
    await replaceHolidayYears(trx, calendar, years, at);
    const data = years.map((y) => ({
      year: y.year,
      status: y.status,
      source: y.source,
      dates: y.holidays.map((h) => h.date),
    }));
    const entriesRecomputed = await recordCalendarChange(trx, calendar, "calendar.import-holidays", data, {
      actor: ctx.actor,
      at,
    });
    return { years: years.map((y) => y.year), entriesRecomputed };
  });
}

/**
 * After `calendar` changed (in the caller's transaction): the change is audited as `action` with `data`,
 * and every agency observing the calendar has its open entries' deadlines recomputed. Returns how many
 * entries changed deadline.
 */
export async function recordCalendarChange(
  trx: Db,
  calendar: string,
  action: string,
  data: unknown,
  ctx: { actor: string; at: string; ip?: string },
): Promise<number> {
  await recordAudit(trx, {
    agencyId: calendar.startsWith("agency:") ? calendar.slice("agency:".length) : null,
    actor: ctx.actor,
    action,
    subjectType: "holiday_calendar",
    subjectId: calendar,
    data,
    ip: ctx.ip,
    at: ctx.at,
  });
  let entriesRecomputed = 0;
  for (const agency of await listAgencies(trx)) {
    if (agency.holidayCalendar !== calendar && `agency:${agency.id}` !== calendar) continue;
    const businessCalendar = await loadBusinessCalendar(trx, agency);
    entriesRecomputed += await recomputeOpenDeadlines(trx, agency.id, businessCalendar, ctx);
  }
  return entriesRecomputed;
}
