import type { Db } from "../platform/db/database.js";

/** #17 subjects (PD-3): what identity holds on one citizen account, as the person's export shows it. */
export interface PersonAccountData {
  account: {
    id: string;
    displayName: string | null;
    email: string | null;
    phone: string | null;
    nationalId: string | null;
    lineLinked: boolean;
    createdAt: string;
    closedAt: string | null;
  };
  signIns: { id: string; provider: string; ial: string | null; aal: string; at: string }[];
  /** Proofs of identity: how and when, never the evidence's contents or keys. */
  proofs: {
    id: string;
    method: string;
    assurance: string;
    status: string;
    createdAt: string;
    expiresAt: string | null;
  }[];
}

/** The account, its sign-ins and its proofs; undefined for an account not of this agency. */
export async function personAccountData(
  db: Db,
  agencyId: string,
  accountId: string,
): Promise<PersonAccountData | undefined> {
  const a = await db
    .selectFrom("citizen_accounts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!a) return undefined;
  const signIns = await db
    .selectFrom("sign_ins")
    .select(["id", "provider", "ial", "aal", "at"])
    .where("agency_id", "=", agencyId)
    .where("account_id", "=", accountId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  const proofs = await db
    .selectFrom("identity_proofs")
    .select(["id", "method", "assurance", "status", "created_at", "expires_at"])
    .where("agency_id", "=", agencyId)
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return {
    account: {
      id: a.id,
      displayName: a.display_name,
      email: a.email,
      phone: a.phone,
      nationalId: a.national_id,
      // The LINE user id is the platform's identifier, not the person's: only whether one is linked.
      lineLinked: a.line_user_id !== null,
      createdAt: a.created_at,
      closedAt: a.closed_at,
    },
    signIns,
    proofs: proofs.map((p) => ({
      id: p.id,
      method: p.method,
      assurance: p.assurance,
      status: p.status,
      createdAt: p.created_at,
      expiresAt: p.expires_at,
    })),
  };
}
