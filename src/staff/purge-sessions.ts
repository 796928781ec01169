import type { Db } from "../platform/db/database.js";

/**
 * PD-4, WS-3: officers' sessions last used before `before` (long dead: 15 minutes idle ends one) go with
 * the address and browser they recorded. Returns the number deleted.
 */
export async function purgeStaffSessions(db: Db, agencyId: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("staff_sessions")
    .where("agency_id", "=", agencyId)
    .where("last_seen_at", "<", before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
