import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";

/** What finds an account: one of its keyed-hash columns (ID-7: never the value in clear). */
export type AccountKey = "email_hmac" | "phone_hmac" | "national_id_hmac";

export interface AccountFields {
  display_name?: string | null;
  email?: string | null;
  email_hmac?: string | null;
  phone?: string | null;
  phone_hmac?: string | null;
  national_id?: string | null;
  national_id_hmac?: string | null;
}

/** The open account of an agency whose `key` column holds `hmac`, if any. */
export async function findAccountBy(
  db: Db,
  agencyId: string,
  key: AccountKey,
  hmac: string,
): Promise<{ id: string; closedAt: string | null } | undefined> {
  const row = await db
    .selectFrom("citizen_accounts")
    .select(["id", "closed_at"])
    .where("agency_id", "=", agencyId)
    .where(key, "=", hmac)
    .executeTakeFirst();
  return row && { id: row.id, closedAt: row.closed_at };
}

/**
 * The account of the agency whose `key` is `hmac`, made with `fields` when there is none. Two first
 * sign-ins at once both find none: the unique index keeps one insert (the other does nothing, on both
 * databases, without aborting the transaction), and both then read the same account.
 */
export async function findOrCreateAccount(
  db: Db,
  agencyId: string,
  key: AccountKey,
  hmac: string,
  fields: AccountFields,
  at: string,
): Promise<{ id: string; created: boolean; closedAt: string | null }> {
  const found = await findAccountBy(db, agencyId, key, hmac);
  if (found) return { ...found, created: false };
  const id = newId();
  await db
    .insertInto("citizen_accounts")
    .values({
      id,
      agency_id: agencyId,
      display_name: null,
      email: null,
      email_hmac: null,
      phone: null,
      phone_hmac: null,
      national_id: null,
      national_id_hmac: null,
      line_user_id: null,
      line_linked_at: null,
      created_at: at,
      closed_at: null,
      ...fields,
      [key]: hmac,
    })
    .onConflict((oc) => oc.columns(["agency_id", key]).doNothing())
    .execute();
  const account = await findAccountBy(db, agencyId, key, hmac);
  if (!account) throw new Error("account neither found nor made");
  return { ...account, created: account.id === id };
}

export async function updateAccount(db: Db, accountId: string, fields: AccountFields): Promise<void> {
  if (Object.keys(fields).length === 0) return;
  await db.updateTable("citizen_accounts").set(fields).where("id", "=", accountId).execute();
}

/** Records one sign-in (WS-3, ID-4: provider, the assurance it asserts, the time); returns its id. */
export async function insertSignIn(
  db: Db,
  input: {
    agencyId: string;
    accountId: string;
    provider: "email-code" | "sms-code" | "thaid";
    ial: string | null;
    aal: string;
    at: string;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("sign_ins")
    .values({
      id,
      agency_id: input.agencyId,
      account_id: input.accountId,
      provider: input.provider,
      ial: input.ial,
      aal: input.aal,
      at: input.at,
    })
    .execute();
  return id;
}
