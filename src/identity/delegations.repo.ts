import type { Insertable } from "kysely";
import type { Db } from "../platform/db/database.js";
import type { DelegationRow, DelegationsTable } from "./delegations.table.js";

export const insertDelegation = (trx: Db, row: Insertable<DelegationsTable>) =>
  trx.insertInto("delegations").values(row).execute();

/** The delegations checked on a matter, the latest first. */
export const listMatterDelegations = (db: Db, matterId: string): Promise<DelegationRow[]> =>
  db
    .selectFrom("delegations")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();

/** A company and the person acting for it, by keyed hash (FM-5). */
export interface DelegationParties {
  agencyId: string;
  juristicIdHmac: string;
  actingIdHmac: string;
}

/**
 * FM-5: the verified delegation of this company to this person still valid on `at` (the one valid
 * longest), or undefined: a later application reuses it with no new check.
 */
export async function findValidDelegation(
  db: Db,
  who: DelegationParties,
  at: Date,
): Promise<DelegationRow | undefined> {
  const rows = await db
    .selectFrom("delegations")
    .selectAll()
    .where("agency_id", "=", who.agencyId)
    .where("juristic_id_hmac", "=", who.juristicIdHmac)
    .where("acting_id_hmac", "=", who.actingIdHmac)
    .where("status", "=", "verified")
    .execute();
  const now = at.toISOString();
  return rows
    .filter((r) => r.valid_until !== null && r.valid_until > now)
    .sort((a, b) => (b.valid_until ?? "").localeCompare(a.valid_until ?? ""))[0];
}

/** FM-5: whether a verified delegation of the company to the person is valid on `at` (the identity gate). */
export async function delegationValid(db: Db, who: DelegationParties, at: Date): Promise<boolean> {
  return (await findValidDelegation(db, who, at)) !== undefined;
}
