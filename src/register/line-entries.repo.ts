import type { Db } from "../platform/db/database.js";

/*
 * The register's reads for the LINE intake (CH-10): an entry remembers the LINE user it came from, so
 * that a follow-up can join its matter and an officer can answer in the chat.
 */

/** The matter of the entry numbered `sequence/beYear`, only if it came from this same LINE user. */
export async function findLineUsersMatter(
  db: Db,
  agencyId: string,
  lineUserId: string,
  receipt: { beYear: number; sequence: number },
): Promise<string | undefined> {
  const own = await db
    .selectFrom("entries")
    .select("matter_id")
    .where("agency_id", "=", agencyId)
    .where("be_year", "=", receipt.beYear)
    .where("sequence", "=", receipt.sequence)
    .where("line_user_id", "=", lineUserId)
    .executeTakeFirst();
  return own?.matter_id;
}

/** Whom to answer on LINE for one of the agency's entries; undefined unless the entry came by LINE. */
export async function findLineRecipient(
  db: Db,
  agencyId: string,
  entryId: string,
): Promise<{ entryId: string; lineUserId: string; receiptNumber: string } | undefined> {
  const entry = await db
    .selectFrom("entries")
    .select(["id", "line_user_id", "receipt_number"])
    .where("agency_id", "=", agencyId)
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!entry?.line_user_id) return undefined;
  return { entryId: entry.id, lineUserId: entry.line_user_id, receiptNumber: entry.receipt_number };
}
