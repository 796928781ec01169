import {
  deleteHoliday,
  type HolidayInput,
  type HolidayYearInput,
  insertHoliday,
  isValidDate,
  replaceHolidayYears,
} from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { recomputeAfterCalendarChange } from "./recompute-after-calendar-change.js";

type CalendarContext = { clock: Clock; actor: string; ip?: string };

/**
 * Imports holiday lists into a calendar ("TH" or "agency:<id>"), replacing each year given (a computed
 * provisional year included). In the same transaction the import is audited and every agency observing
 * the calendar has its open entries' deadlines recomputed. Returns how many entries changed deadline.
 */
export async function importHolidaysAndRecompute(
  handle: DatabaseHandle,
  calendar: string,
  years: HolidayYearInput[],
  ctx: CalendarContext,
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
    const entriesRecomputed = await recomputeAfterCalendarChange(
      trx,
      calendar,
      "calendar.import-holidays",
      data,
      {
        actor: ctx.actor,
        ip: ctx.ip,
        at,
      },
    );
    return { years: years.map((y) => y.year), entriesRecomputed };
  });
}

/**
 * Removes one holiday from a calendar, e.g. a closure entered by mistake; the year's other holidays stay.
 * Audited, open deadlines recomputed, in one transaction. Throws HOLIDAY_NOT_FOUND.
 */
export async function removeHolidayAndRecompute(
  handle: DatabaseHandle,
  calendar: string,
  date: string,
  ctx: CalendarContext,
): Promise<{ entriesRecomputed: number }> {
  const at = ctx.clock.now().toISOString();
  return withTransaction(handle, async (trx) => {
    const removed = await deleteHoliday(trx, calendar, date);
    if (!removed) throw new AppError("HOLIDAY_NOT_FOUND", { date });
    const data = { date, nameTh: removed.name_th, nameEn: removed.name_en, kind: removed.kind };
    const entriesRecomputed = await recomputeAfterCalendarChange(
      trx,
      calendar,
      "calendar.remove-holiday",
      data,
      {
        actor: ctx.actor,
        ip: ctx.ip,
        at,
      },
    );
    return { entriesRecomputed };
  });
}

/** Longest name or source kept: a Cabinet resolution's title fits, a pasted document does not. */
const MAX_TEXT = { name: 300, source: 1000 } as const;

/**
 * Adds one special day (Royal Ploughing Day, a Cabinet bridge holiday, an agency closure) to a calendar,
 * with the announcement it comes from. Audited, open deadlines recomputed (CH-3, CH-4), in one
 * transaction; the year's other holidays stay. Throws VALIDATION_FAILED (field named), HOLIDAY_EXISTS.
 */
export async function addHolidayAndRecompute(
  handle: DatabaseHandle,
  calendar: string,
  holiday: HolidayInput & { source: string },
  ctx: CalendarContext,
): Promise<{ entriesRecomputed: number }> {
  const h = {
    ...holiday,
    nameTh: holiday.nameTh.trim(),
    nameEn: holiday.nameEn.trim(),
    source: holiday.source.trim(),
  };
  const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });
  if (!isValidDate(h.date)) throw invalid("date");
  if (!h.nameTh || h.nameTh.length > MAX_TEXT.name) throw invalid("nameTh");
  if (h.nameEn.length > MAX_TEXT.name) throw invalid("nameEn");
  if (!h.source || h.source.length > MAX_TEXT.source) throw invalid("source");
  if (!["public", "substitution", "special", "agency"].includes(h.kind)) throw invalid("kind");
  const at = ctx.clock.now().toISOString();
  return withTransaction(handle, async (trx) => {
    if (!(await insertHoliday(trx, calendar, h))) throw new AppError("HOLIDAY_EXISTS", { date: h.date });
    const entriesRecomputed = await recomputeAfterCalendarChange(trx, calendar, "calendar.add-holiday", h, {
      actor: ctx.actor,
      ip: ctx.ip,
      at,
    });
    return { entriesRecomputed };
  });
}
