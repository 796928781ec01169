import type { Db } from "../platform/db/database.js";

/**
 * #15 issuance: the ids of application matters in one of `statuses`, by id after `afterId`, at most
 * `limit`: a sweep walks them in bounded batches, wrapping round at the end.
 */
export async function listMatterIdsInStatus(
  db: Db,
  statuses: readonly string[],
  options: { afterId: string; limit: number },
): Promise<{ id: string; agencyId: string }[]> {
  const rows = await db
    .selectFrom("matters")
    .select(["id", "agency_id"])
    .where("status", "in", [...statuses])
    .where("kind", "=", "application")
    .where("id", ">", options.afterId)
    .orderBy("id")
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id }));
}
