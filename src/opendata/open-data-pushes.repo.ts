import type { Db } from "../platform/db/database.js";
import type { OpenDataPushesTable } from "./opendata.table.js";

/** The agency's last push, as it went; undefined: never pushed. */
export async function lastOpenDataPush(db: Db, agencyId: string): Promise<OpenDataPushesTable | undefined> {
  return db
    .selectFrom("open_data_pushes")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
}
