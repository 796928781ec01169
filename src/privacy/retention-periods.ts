import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkPeriod, type DataClass, isDataClass } from "./retention-schedule.js";

/** An agency's own periods, by class (only those it set). */
export async function retentionPeriods(
  db: Db,
  agencyId: string,
): Promise<Partial<Record<DataClass, number>>> {
  const rows = await db
    .selectFrom("retention_periods")
    .select(["data_class", "days"])
    .where("agency_id", "=", agencyId)
    .execute();
  const periods: Partial<Record<DataClass, number>> = {};
  for (const row of rows) if (isDataClass(row.data_class)) periods[row.data_class] = Number(row.days);
  return periods;
}

/**
 * PD-4: an agency sets its own period for a data class: any whole number of days at least the law's
 * minimum (traffic logs: 90). Audited. Throws VALIDATION_FAILED (unknown class), RETENTION_TOO_SHORT.
 */
export async function setRetentionPeriod(
  handle: DatabaseHandle,
  input: { agencyId: string; dataClass: string; days: number },
  ctx: { clock: Clock; actor: string; ip?: string },
): Promise<void> {
  if (!isDataClass(input.dataClass))
    throw new AppError("VALIDATION_FAILED", { detail: "dataClass" }, { field: "dataClass" });
  checkPeriod(input.dataClass, input.days);
  const at = ctx.clock.now().toISOString();
  const values = {
    agency_id: input.agencyId,
    data_class: input.dataClass,
    days: input.days,
    set_by: ctx.actor,
    set_at: at,
  };
  await withTransaction(handle, async (trx) => {
    await trx
      .insertInto("retention_periods")
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(["agency_id", "data_class"])
          .doUpdateSet({ days: input.days, set_by: ctx.actor, set_at: at }),
      )
      .execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: ctx.actor,
      action: "retention.set-period",
      subjectType: "agency",
      subjectId: input.agencyId,
      data: { dataClass: input.dataClass, days: input.days },
      ip: ctx.ip,
      at,
    });
  });
}
