import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { acceptProofForMatter } from "./accept-proof.js";
import { findIdentityNeed } from "./identity-need.js";

/**
 * ID-1, ID-4: the applicant signed in with ThaiD (the sign-in recorded a `thaid` proof of the account)
 * and uses it for this matter: the proof's national ID must be the application's (keyed hashes equal; an
 * application without an ID takes it). Throws IDENTITY_PROOF_NOT_FOUND (no unexpired ThaiD proof),
 * IDENTITY_MISMATCH (409: another person's ThaiD; audited, nothing recorded for the matter).
 */
export async function useThaidProof(
  handle: DatabaseHandle,
  input: { agencyId: string; matterId: string; accountId: string; at: Date; ip?: string },
): Promise<void> {
  const need = await findIdentityNeed(handle.db, handle.sealer, input.matterId);
  if (!need) throw new AppError("IDENTITY_NOT_REQUIRED");
  const now = input.at.toISOString();
  const proofs = await handle.db
    .selectFrom("identity_proofs")
    .select(["id", "assurance", "method", "national_id_hmac", "expires_at"])
    .where("agency_id", "=", input.agencyId)
    .where("account_id", "=", input.accountId)
    .where("method", "=", "thaid")
    .where("status", "=", "proven")
    .orderBy("created_at", "desc")
    .execute();
  const proof = proofs.find((p) => p.expires_at === null || p.expires_at > now);
  if (!proof) throw new AppError("IDENTITY_PROOF_NOT_FOUND");
  const matches = !need.nationalIdHmac || proof.national_id_hmac === need.nationalIdHmac;
  if (!matches) {
    await recordAudit(handle.db, {
      agencyId: input.agencyId,
      actor: `citizen:${input.accountId}`,
      action: "identity.thaid-mismatch",
      subjectType: "matter",
      subjectId: input.matterId,
      data: { proofId: proof.id },
      ip: input.ip,
      at: now,
    });
    throw new AppError("IDENTITY_MISMATCH");
  }
  await withTransaction(handle, (trx) =>
    acceptProofForMatter(trx, {
      agencyId: input.agencyId,
      matterId: input.matterId,
      proof,
      by: `citizen:${input.accountId}`,
      at: input.at,
      ip: input.ip,
    }),
  );
}
