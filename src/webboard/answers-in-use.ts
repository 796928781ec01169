import type { Db } from "../platform/db/database.js";

/** #17 readiness: whether the agency's webboard has a published answer (the webboard is in use, WB-1). */
export async function hasPublishedAnswer(db: Db, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom("webboard_answers")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("status", "=", "published")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
