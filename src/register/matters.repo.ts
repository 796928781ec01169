import { type Db, isPostgres } from "../platform/db/database.js";
import { entryFromRow } from "./entries.repo.js";
import type { Entry } from "./entry.js";
import { type Matter, type MatterActionRecord, matterActionFromRow, matterFromRow } from "./matter.js";

/**
 * A matter of the agency, or undefined. `forUpdate` (in a transaction): on PostgreSQL the row is locked
 * until it ends, so a use case that decides from the matter and what hangs off it reads them all after any
 * other decision on it committed, not half before (SQLite's write transaction already holds the database).
 */
export async function findMatter(
  db: Db,
  agencyId: string,
  matterId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Matter | undefined> {
  const query = db
    .selectFrom("matters")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", matterId);
  const row = await (options.forUpdate && isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
  return row && matterFromRow(row);
}

/** The entries of a matter (its first, and every answer, reply or follow-up), oldest first. */
export async function listMatterEntries(db: Db, matterId: string): Promise<Entry[]> {
  const rows = await db
    .selectFrom("entries")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("received_at")
    .orderBy("sequence")
    .execute();
  return rows.map(entryFromRow);
}

/** A matter's timeline, oldest first; `publicOnly` leaves out what only officers see (comments, memos). */
export async function listMatterActions(
  db: Db,
  matterId: string,
  opts: { publicOnly?: boolean } = {},
): Promise<MatterActionRecord[]> {
  let query = db.selectFrom("matter_actions").selectAll().where("matter_id", "=", matterId);
  if (opts.publicOnly) query = query.where("visibility", "=", "public");
  const rows = await query.orderBy("version").execute();
  return rows.map(matterActionFromRow);
}

/**
 * Actions of every agency recorded after a point (`at`, then `id`), oldest first: for workers that
 * follow the timeline (notifications) with a cursor of their own.
 */
export async function listMatterActionsAfter(
  db: Db,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<MatterActionRecord[]> {
  let query = db.selectFrom("matter_actions").selectAll();
  if (after)
    query = query.where((eb) =>
      eb.or([eb("at", ">", after.at), eb.and([eb("at", "=", after.at), eb("id", ">", after.id)])]),
    );
  const rows = await query.orderBy("at").orderBy("id").limit(limit).execute();
  return rows.map(matterActionFromRow);
}
