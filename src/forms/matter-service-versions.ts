import type { Expression } from "kysely";
import type { Db } from "../platform/db/database.js";

/**
 * #16 dashboards: which service version each matter was applied for (a matter made by an application),
 * as a subquery other rooms join to group their figures by service without reading this room's tables.
 * With `matterId` (typically a column of the caller's row): that matter's applications only, a
 * correlated lookup through `applications(matter_id)`, aliased `msv_a` so as not to shadow the caller's.
 */
export function matterServiceVersions(db: Db, matterId?: Expression<string>) {
  const query = db
    .selectFrom("applications as msv_a")
    .select(["msv_a.matter_id", "msv_a.service_version_id"]);
  return matterId ? query.where("msv_a.matter_id", "=", matterId) : query;
}
