import type { Db } from "../platform/db/database.js";

const BATCH = 500;

/**
 * PD-4: drafts never submitted whose resume link expired before `before` go, with their answers and
 * applicant details (and their signature codes, which name them). Their uploaded files stay in the
 * content-addressed store, which other records may share. Returns the number of drafts deleted.
 */
export async function purgeExpiredDrafts(db: Db, agencyId: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom("application_drafts")
        .select("id")
        .where("agency_id", "=", agencyId)
        .where("submitted_entry_id", "is", null)
        .where("expires_at", "<", before.toISOString())
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    await db.deleteFrom("signature_challenges").where("draft_id", "in", ids).execute();
    await db.deleteFrom("application_drafts").where("id", "in", ids).execute();
    total += ids.length;
    if (ids.length < BATCH) return total;
  }
}
