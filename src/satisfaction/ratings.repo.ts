import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.js";
import type { SatisfactionRatingsTable } from "./satisfaction.table.js";

export type RatingRow = Selectable<SatisfactionRatingsTable>;

/** Writes a rating; the UNIQUE(matter_id) constraint refuses a second one for the matter. */
export async function insertRating(db: Db, row: RatingRow): Promise<void> {
  await db.insertInto("satisfaction_ratings").values(row).execute();
}

/** The rating of a matter, if it was rated. */
export async function findRatingOfMatter(
  db: Db,
  agencyId: string,
  matterId: string,
): Promise<RatingRow | undefined> {
  return db
    .selectFrom("satisfaction_ratings")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("matter_id", "=", matterId)
    .executeTakeFirst();
}
