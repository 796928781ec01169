import { listAgencies } from "../agencies/index.js";
import { toLocal } from "../calendar/index.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { recordLicenceAction } from "./record-licence-action.js";

/** The expiry job as the audit trail names it. */
export const EXPIRY_ACTOR = { kind: "system", name: "system:licence-expiry" } as const;
/** Licences expired per transaction: a large back-log never holds one long write lock. */
export const EXPIRY_BATCH = 100;

/** Claims the agency's run for its local `day`: true for the one caller whose row went in. */
async function claimDay(db: Db, agencyId: string, day: string, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto("licence_expiry_runs")
    .values({ agency_id: agencyId, day, started_at: at, finished_at: null, expired: 0 })
    .onConflict((oc) => oc.columns(["agency_id", "day"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * LC-3: once a day per agency (the `licence_expiry_runs` row is the claim, so several workers run it
 * once), every issued or suspended licence whose last valid day is before today in the agency's time
 * zone becomes expired through `recordLicenceAction` (event and audit row), in batches of
 * EXPIRY_BATCH, each its own transaction. Returns how many were expired per agency.
 */
export async function expireLicences(
  deps: { handle: DatabaseHandle; log?: (msg: string) => void },
  now: Date,
): Promise<Record<string, number>> {
  const { db } = deps.handle;
  const at = now.toISOString();
  const result: Record<string, number> = {};
  for (const agency of await listAgencies(db)) {
    const today = toLocal(now, agency.timeZone).date;
    if (!(await claimDay(db, agency.id, today, at))) continue;
    let expired = 0;
    for (;;) {
      const due = await db
        .selectFrom("licences")
        .select("id")
        .where("agency_id", "=", agency.id)
        .where("status", "in", ["issued", "suspended"])
        .where("valid_until", "<", today)
        .orderBy("valid_until")
        .limit(EXPIRY_BATCH)
        .execute();
      if (due.length === 0) break;
      await withTransaction(deps.handle, async (trx) => {
        for (const { id } of due)
          await recordLicenceAction(trx, {
            agencyId: agency.id,
            licenceId: id,
            action: "expire",
            reason: null,
            actor: EXPIRY_ACTOR,
            at: now,
          });
      });
      expired += due.length;
      if (due.length < EXPIRY_BATCH) break;
    }
    await db
      .updateTable("licence_expiry_runs")
      .set({ finished_at: at, expired })
      .where("agency_id", "=", agency.id)
      .where("day", "=", today)
      .execute();
    result[agency.id] = expired;
  }
  return result;
}
