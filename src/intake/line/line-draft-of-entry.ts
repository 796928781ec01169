import type { Db } from "../../platform/db/database.js";

/** #17 assistline: the LINE draft an entry was registered from, if it came by LINE (the agency's own). */
export async function findLineDraftOfEntry(
  db: Db,
  agencyId: string,
  entryId: string,
): Promise<string | undefined> {
  const draft = await db
    .selectFrom("line_drafts")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  return draft?.id;
}
