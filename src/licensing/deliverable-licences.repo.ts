import type { Db } from "../platform/db/database.js";

/**
 * #15 delivery: the issued editions of matters that can be delivered — signed, or paper whose signed scan
 * was recorded (RG-6) — issued or scanned since `since`, newest first, at most `limit`. The delivery room
 * leaves out those it has delivered.
 */
export async function listDeliverableLicences(
  db: Db,
  since: string,
  limit: number,
): Promise<{ id: string; agencyId: string }[]> {
  const rows = await db
    .selectFrom("licences")
    .select(["id", "agency_id"])
    .where("status", "=", "issued")
    .where("matter_id", "is not", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("origin", "=", "signed"), eb("issued_at", ">", since)]),
        eb("scanned_at", ">", since),
      ]),
    )
    .orderBy("issued_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id }));
}
