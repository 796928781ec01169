import type { Db } from "../platform/db/database.js";

/**
 * PD-4, WS-3: citizens' sessions last used before `before` (long ended: 15 minutes idle ends one)
 * go. Returns the number deleted.
 */
export async function purgeCitizenSessions(db: Db, agencyId: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("citizen_sessions")
    .where("agency_id", "=", agencyId)
    .where("last_seen_at", "<", before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
