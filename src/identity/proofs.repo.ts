import type { Assurance } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { ASSURANCE_RANK, isAssurance } from "./assurance.js";
import type { IdentityProofRow, ProofMethod, ProofStatus } from "./identity.table.js";

export interface NewProof {
  agencyId: string;
  accountId?: string | null;
  nationalIdHmac?: string | null;
  method: ProofMethod;
  assurance: Assurance;
  status: ProofStatus;
  /** Stored sealed; refer to files by key and to people by id, never copy more than the proof needs. */
  evidence: Record<string, unknown>;
  matterId?: string | null;
  at: string;
  decidedBy?: string | null;
  expiresAt?: string | null;
}

/** Writes a proof (inside the caller's transaction, beside its audit row); returns its id. */
export async function insertProof(db: Db, proof: NewProof): Promise<string> {
  const id = newId();
  const decided = proof.status === "proven" || proof.status === "refused";
  await db
    .insertInto("identity_proofs")
    .values({
      id,
      agency_id: proof.agencyId,
      account_id: proof.accountId ?? null,
      national_id_hmac: proof.nationalIdHmac ?? null,
      method: proof.method,
      assurance: proof.assurance,
      status: proof.status,
      evidence: JSON.stringify(proof.evidence),
      checklist: null,
      matter_id: proof.matterId ?? null,
      created_at: proof.at,
      decided_by: decided ? (proof.decidedBy ?? null) : null,
      decided_at: decided ? proof.at : null,
      expires_at: proof.expiresAt ?? null,
    })
    .execute();
  return id;
}

export const findProof = (db: Db, agencyId: string, id: string): Promise<IdentityProofRow | undefined> =>
  db
    .selectFrom("identity_proofs")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();

/**
 * ID-2: a proven identity is reused on later applications until it expires. The strongest unexpired
 * proven proof of the person (by national ID keyed hash, or account), or undefined.
 */
export async function findReusableProof(
  db: Db,
  who: { agencyId: string; nationalIdHmac?: string | null; accountId?: string | null },
  at: Date,
): Promise<IdentityProofRow | undefined> {
  if (!who.nationalIdHmac && !who.accountId) return undefined;
  const rows = await db
    .selectFrom("identity_proofs")
    .selectAll()
    .where("agency_id", "=", who.agencyId)
    .where("status", "=", "proven")
    .where((eb) =>
      eb.or([
        ...(who.nationalIdHmac ? [eb("national_id_hmac", "=", who.nationalIdHmac)] : []),
        ...(who.accountId ? [eb("account_id", "=", who.accountId)] : []),
      ]),
    )
    .execute();
  const now = at.toISOString();
  return rows
    .filter((r) => r.expires_at === null || r.expires_at > now)
    .sort((a, b) => rank(b.assurance) - rank(a.assurance) || b.created_at.localeCompare(a.created_at))[0];
}

const rank = (assurance: string) => (isAssurance(assurance) ? ASSURANCE_RANK[assurance] : 0);

/** ID-1: records that a matter's applicant reached a proof's assurance (once per matter and proof). */
export async function recordMatterAssurance(
  db: Db,
  input: {
    agencyId: string;
    matterId: string;
    proof: Pick<IdentityProofRow, "id" | "assurance" | "method">;
    by: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto("matter_assurance")
    .values({
      id: newId(),
      agency_id: input.agencyId,
      matter_id: input.matterId,
      proof_id: input.proof.id,
      assurance: input.proof.assurance,
      method: input.proof.method,
      recorded_by: input.by,
      recorded_at: input.at,
    })
    .onConflict((oc) => oc.columns(["matter_id", "proof_id"]).doNothing())
    .execute();
}

/**
 * The assurance a matter's applicant has reached: the strongest recorded proof still proven (a proof
 * withdrawn or refused afterwards no longer counts), with how; "none" when nothing is recorded.
 */
export async function matterAssurance(
  db: Db,
  matterId: string,
): Promise<{ assurance: Assurance; method?: string; proofId?: string; recordedAt?: string }> {
  const rows = await db
    .selectFrom("matter_assurance as m")
    .innerJoin("identity_proofs as p", "p.id", "m.proof_id")
    .select(["m.assurance", "m.method", "m.proof_id", "m.recorded_at"])
    .where("m.matter_id", "=", matterId)
    .where("p.status", "=", "proven")
    .execute();
  const best = rows.sort((a, b) => rank(b.assurance) - rank(a.assurance))[0];
  if (!best || !isAssurance(best.assurance)) return { assurance: "none" };
  return {
    assurance: best.assurance,
    method: best.method,
    proofId: best.proof_id,
    recordedAt: best.recorded_at,
  };
}
