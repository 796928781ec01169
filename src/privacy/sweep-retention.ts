import { listAgencies } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle, Db } from "../platform/db/database.js";
import { retentionPeriods } from "./retention-periods.js";
import { agencySchedule, type DataClass, type RetentionPurges } from "./retention-schedule.js";

export interface RetentionDeps {
  handle: DatabaseHandle;
  /** Each class's purge, registered by the capability owning its table (src/retention-purges.ts). */
  purges: RetentionPurges;
  log?: (msg: string) => void;
}

const DAY_MS = 86_400_000;

/** Claims the agency's run for `day`: true for the one caller whose row went in (both databases). */
async function claimDay(db: Db, agencyId: string, day: string, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto("retention_runs")
    .values({ agency_id: agencyId, day, started_at: at, counts: "{}" })
    .onConflict((oc) => oc.columns(["agency_id", "day"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * PD-4: the daily purge. For each agency, once per day (the `retention_runs` row is the atomic claim),
 * each data class of its schedule that has a purge registered loses what is older than its period, in
 * batches; an audit row per class gives the count (numbers only: the audit trail never holds what it
 * purged, so the purge never breaks `audit verify`). The register's records (RG-4) are in no class.
 * A class whose purge fails is logged and the others go on. Returns the counts by agency.
 */
export async function sweepRetention(
  deps: RetentionDeps,
  now: Date,
): Promise<Record<string, Partial<Record<DataClass, number>>>> {
  const { db } = deps.handle;
  const day = now.toISOString().slice(0, 10);
  const at = now.toISOString();
  const result: Record<string, Partial<Record<DataClass, number>>> = {};
  for (const agency of await listAgencies(db)) {
    if (!(await claimDay(db, agency.id, day, at))) continue;
    const counts: Partial<Record<DataClass, number>> = {};
    for (const rule of agencySchedule(await retentionPeriods(db, agency.id))) {
      const purge = deps.purges[rule.dataClass];
      if (!purge) continue;
      const before = new Date(now.getTime() - rule.days * DAY_MS);
      try {
        counts[rule.dataClass] = await purge(db, agency.id, before);
      } catch (error) {
        deps.log?.(`retention ${agency.id} ${rule.dataClass}: ${String(error)}`);
        continue;
      }
      await recordAudit(db, {
        agencyId: agency.id,
        actor: "system:retention",
        action: "retention.purge",
        subjectType: "agency",
        subjectId: agency.id,
        data: {
          dataClass: rule.dataClass,
          days: rule.days,
          before: before.toISOString(),
          count: counts[rule.dataClass],
        },
        at,
      });
    }
    await db
      .updateTable("retention_runs")
      .set({ finished_at: at, counts: JSON.stringify(counts) })
      .where("agency_id", "=", agency.id)
      .where("day", "=", day)
      .execute();
    result[agency.id] = counts;
  }
  return result;
}
