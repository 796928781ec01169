import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { deleteHoliday } from "./holidays.repo.js";
import { recordCalendarChange } from "./import-holidays.js";

/**
 * Removes one holiday from a calendar ("TH" or "agency:<id>"), e.g. a closure entered by mistake. As an
 * import does, in the same transaction the removal is audited and every agency observing the calendar has
 * its open entries' CH-4 deadlines recomputed; the year's other holidays stay. Returns how many entries
 * changed deadline. Throws HOLIDAY_NOT_FOUND when the calendar has no holiday that day.
 */
export async function removeHoliday(
  handle: DatabaseHandle,
  calendar: string,
  date: string,
  ctx: { clock: Clock; actor: string; ip?: string },
): Promise<{ entriesRecomputed: number }> {
  const at = ctx.clock.now().toISOString();
  return withTransaction(handle, async (trx) => {
    const removed = await deleteHoliday(trx, calendar, date);
    if (!removed) throw new AppError("HOLIDAY_NOT_FOUND", { date });
    const data = { date, nameTh: removed.name_th, nameEn: removed.name_en, kind: removed.kind };
    const entriesRecomputed = await recordCalendarChange(trx, calendar, "calendar.remove-holiday", data, {
      actor: ctx.actor,
      ip: ctx.ip,
      at,
    });
    return { entriesRecomputed };
  });
}
