import type { Db } from "../platform/db/database.js";
import { assuranceOfIalClaim, meetsAssurance } from "./assurance.js";

/**
 * #17 subjects (PD-3): whether the signed-in citizen's identity is verified enough to ask for their own
 * data: a ThaiD sign-in at IAL2 or more, or a proof of this account an officer accepted (still valid).
 * A sign-in code proves only an address, and an address can be shared: it is not enough.
 */
export async function subjectIdentityVerified(
  db: Db,
  citizen: { agencyId: string; accountId: string },
  signIn: { provider: string; ial: string | null },
  at: Date,
): Promise<boolean> {
  // The session keeps ThaiD's `ial` claim as sent ("2.3", "IAL2.1"): read it as a level first.
  if (signIn.provider === "thaid" && meetsAssurance(assuranceOfIalClaim(signIn.ial), "IAL2")) return true;
  const proofs = await db
    .selectFrom("identity_proofs")
    .select(["assurance", "expires_at"])
    .where("agency_id", "=", citizen.agencyId)
    .where("account_id", "=", citizen.accountId)
    .where("status", "=", "proven")
    .execute();
  const now = at.toISOString();
  return proofs.some(
    (p) => meetsAssurance(p.assurance, "IAL2") && (p.expires_at === null || p.expires_at > now),
  );
}

/**
 * #17 subjects (PD-3): a verified delegation, valid at `at`, naming this account's proven national ID as
 * the person acting: the proof that lets a citizen ask on another's behalf. Undefined otherwise.
 */
export async function requesterDelegation(
  db: Db,
  input: { agencyId: string; accountId: string; delegationId: string; at: Date },
): Promise<{ id: string } | undefined> {
  const account = await db
    .selectFrom("citizen_accounts")
    .select("national_id_hmac")
    .where("agency_id", "=", input.agencyId)
    .where("id", "=", input.accountId)
    .where("closed_at", "is", null)
    .executeTakeFirst();
  if (!account?.national_id_hmac) return undefined;
  const row = await db
    .selectFrom("delegations")
    .select(["id", "valid_until"])
    .where("agency_id", "=", input.agencyId)
    .where("id", "=", input.delegationId)
    .where("acting_id_hmac", "=", account.national_id_hmac)
    .where("status", "=", "verified")
    .executeTakeFirst();
  return row?.valid_until && row.valid_until > input.at.toISOString() ? { id: row.id } : undefined;
}
