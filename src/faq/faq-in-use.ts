import type { Db } from "../platform/db/database.js";

/** #17 readiness: whether the agency has a published FAQ entry (the FAQ, and so the assistant, is in use). */
export async function hasPublishedFaq(db: Db, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom("faq_entries")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("status", "=", "published")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
