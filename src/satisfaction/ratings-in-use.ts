import type { Db } from "../platform/db/database.js";

/** #17 readiness: whether applicants have rated the agency's service at least once (TR-3 in use). */
export async function hasRatings(db: Db, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom("satisfaction_ratings")
    .select("id")
    .where("agency_id", "=", agencyId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
