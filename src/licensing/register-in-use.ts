import type { Db } from "../platform/db/database.js";

/** #17 readiness: whether the agency's public register shows at least one licence (PR-1 in use). */
export async function hasRegisterLicence(db: Db, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom("licences")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("displayed", "=", 1)
    .where("status", "!=", "superseded")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
