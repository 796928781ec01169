import type { Db } from "../platform/db/database.js";

/**
 * #16 dashboards: the service each of the agency's service versions belongs to, as a subquery, so that
 * figures kept per version (applications) group by service in SQL.
 */
export function versionServices(db: Db, agencyId: string) {
  return db
    .selectFrom("service_versions")
    .select(["id as service_version_id", "service_id"])
    .where("agency_id", "=", agencyId);
}
