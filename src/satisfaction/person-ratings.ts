import type { Db } from "../platform/db/database.js";

/** A rating the applicant gave a closed matter (PD-3). */
export interface PersonRating {
  id: string;
  matterId: string;
  rating: number;
  comment: string | null;
  channel: string;
  createdAt: string;
}

/** #17 export (PD-3, s.30): the ratings of these matters only (the matters the export tied to the person). */
export async function listPersonRatings(
  db: Db,
  agencyId: string,
  matterIds: readonly string[],
): Promise<PersonRating[]> {
  if (matterIds.length === 0) return [];
  const rows = await db
    .selectFrom("satisfaction_ratings")
    .select(["id", "matter_id", "rating", "comment", "channel", "created_at"])
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", [...matterIds])
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    matterId: r.matter_id,
    rating: Number(r.rating),
    comment: r.comment,
    channel: r.channel,
    createdAt: r.created_at,
  }));
}
