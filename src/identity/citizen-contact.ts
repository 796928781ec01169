import type { Db } from "../platform/db/database.js";

/**
 * #16 answers: the verified email of an open citizen account, for a notice the citizen asked for by
 * acting (a webboard question answered); undefined when the account has none or is closed. An account's
 * email is only ever one a sign-in code reached, so it is verified (WB-2).
 */
export async function findCitizenEmail(
  db: Db,
  agencyId: string,
  accountId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("citizen_accounts")
    .select(["email", "closed_at"])
    .where("agency_id", "=", agencyId)
    .where("id", "=", accountId)
    .executeTakeFirst();
  return row && row.closed_at === null && row.email ? row.email : undefined;
}
