import type { Db } from "../../platform/db/database.js";

/**
 * #17 export (PD-3): the LINE drafts that became these entries (the person's own, found by the export),
 * so the assistant's replies in them can join the export. Never by a LINE user id someone typed.
 */
export async function listDraftIdsOfEntries(
  db: Db,
  agencyId: string,
  entryIds: readonly string[],
): Promise<string[]> {
  if (entryIds.length === 0) return [];
  const rows = await db
    .selectFrom("line_drafts")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("entry_id", "in", [...entryIds])
    .execute();
  return rows.map((r) => r.id);
}
