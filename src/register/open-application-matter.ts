import type { BusinessCalendar } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { addDaysOfKind, type DayKind } from "../workflow/index.js";

/**
 * An entry registered as a general request turns out to be an application (an officer converts it):
 * its matter takes the application's path and the manual's clock, counted from the matter's start
 * (LF-1: from receipt, not from the conversion). Only a matter nothing has happened to yet may turn.
 * Throws MATTER_NOT_FOUND, ACTION_NOT_ALLOWED when the matter has moved already.
 */
export async function openApplicationMatter(
  trx: Db,
  matterId: string,
  timeLimit: { amount: number; dayKind: DayKind },
  calendar: BusinessCalendar,
): Promise<void> {
  const row = await trx
    .selectFrom("matters")
    .select(["kind", "status", "version", "clock_start", "created_at"])
    .where("id", "=", matterId)
    .executeTakeFirst();
  if (!row) throw new AppError("MATTER_NOT_FOUND");
  if (row.kind === "application") return;
  if (row.status !== "received" || row.version !== 0)
    throw new AppError("ACTION_NOT_ALLOWED", { action: "convert", status: row.status });
  const start = new Date(row.clock_start ?? row.created_at);
  await trx
    .updateTable("matters")
    .set({
      kind: "application",
      time_limit: JSON.stringify(timeLimit),
      due_at: addDaysOfKind(calendar, start, timeLimit.amount, timeLimit.dayKind).toISOString(),
    })
    .where("id", "=", matterId)
    .where("version", "=", 0)
    .execute();
}
