import type { Db } from "../platform/db/database.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";

/** A letter of the agency, or undefined. */
export async function findLetter(
  db: Db,
  agencyId: string,
  letterId: string,
): Promise<OutgoingLetterRow | undefined> {
  return db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", letterId)
    .executeTakeFirst();
}

/** The letters of a matter, oldest first. */
export async function listMatterLetters(db: Db, matterId: string): Promise<OutgoingLetterRow[]> {
  return db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("be_year")
    .orderBy("sequence")
    .execute();
}
