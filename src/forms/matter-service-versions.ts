import type { Expression } from "kysely";
import type { Db } from "../platform/db/database.js";

/**
 * #16 dashboards: the applications of one matter (`matterId`, typically a column of the figure's own
 * row), from which other rooms pick its service version without reading this room's tables. A correlated
 * lookup through `applications(matter_id)`: a figure pays for its period's matters, not the register's.
 * Aliased `msv_a` so that it does not shadow the caller's own aliases.
 */
export function matterServiceVersions(db: Db, matterId: Expression<string>) {
  return db.selectFrom("applications as msv_a").where("msv_a.matter_id", "=", matterId);
}
