import type { Db } from "../platform/db/database.js";

/**
 * #16 dashboards: which service version each matter was applied for (a matter made by an application),
 * as a subquery other rooms join to group their figures by service without reading this room's tables.
 */
export function matterServiceVersions(db: Db) {
  return db.selectFrom("applications").select(["matter_id", "service_version_id"]);
}
