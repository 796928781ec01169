import type { Db } from "../platform/db/database.js";

/**
 * #16 webboard (WB-2): whether an open account of the agency has a verified way to reach the person:
 * an email or phone proven by a code, or a national ID from ThaiD or an accepted proof. Only the
 * lookup keys are read, never the contact itself.
 */
export async function hasVerifiedContact(db: Db, agencyId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("citizen_accounts")
    .select(["email_hmac", "phone_hmac", "national_id_hmac"])
    .where("agency_id", "=", agencyId)
    .where("id", "=", accountId)
    .where("closed_at", "is", null)
    .executeTakeFirst();
  return row !== undefined && (row.email_hmac ?? row.phone_hmac ?? row.national_id_hmac) !== null;
}
