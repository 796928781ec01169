import { recordAudit } from "../audit/index.js";
import type { Assurance } from "../catalog/index.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, recordAction } from "../register/index.js";
import { meetsAssurance } from "./assurance.js";
import { delegationValid } from "./delegations.repo.js";
import type { IdentityProofRow } from "./identity.table.js";
import { findIdentityNeed, type IdentityNeed } from "./identity-need.js";
import { findReusableProof, matterAssurance, recordMatterAssurance } from "./proofs.repo.js";

const SYSTEM = { kind: "system", name: "identity" } as const;

/**
 * ID-1, ID-4: a proven proof counts for a matter (inside the caller's transaction): the assurance it
 * reached is recorded, audited by id, and a matter waiting in "identity check required" goes back to
 * review (`confirm-identity`, by the system). Every proofing method (ThaiD, evidence, video, certificate)
 * ends here.
 */
export async function acceptProofForMatter(
  trx: Db,
  input: {
    agencyId: string;
    matterId: string;
    proof: Pick<IdentityProofRow, "id" | "assurance" | "method">;
    /** `staff:<id>`, `system`, or `applicant` */
    by: string;
    at: Date;
    ip?: string;
  },
): Promise<void> {
  const at = input.at.toISOString();
  await recordMatterAssurance(trx, { ...input, at });
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor: input.by,
    action: "identity.assurance-recorded",
    subjectType: "matter",
    subjectId: input.matterId,
    data: { proofId: input.proof.id, method: input.proof.method, assurance: input.proof.assurance },
    ip: input.ip,
    at,
  });
  const matter = await findMatter(trx, input.agencyId, input.matterId);
  if (matter?.status === "identity_check_required")
    await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: input.matterId },
      action: "confirm-identity",
      payload: { proofId: input.proof.id, assurance: input.proof.assurance },
      actor: SYSTEM,
      at: input.at,
      ip: input.ip,
    });
}

/**
 * ID-2: a person proven before (same national ID by keyed hash, unexpired) is not asked again: the
 * reusable proof is recorded for this matter when the matter needs more than it has. Returns the
 * matter's assurance afterwards and what it needs.
 */
export async function adoptReusableProof(
  trx: Db,
  sealer: Sealer | undefined,
  /** `need`: what the caller already read with findIdentityNeed for this matter (not read again). */
  input: { agencyId: string; matterId: string; at: Date; need?: IdentityNeed },
): Promise<
  | { required: Assurance; reached: Awaited<ReturnType<typeof matterAssurance>>; need: IdentityNeed }
  | undefined
> {
  const need = input.need ?? (await findIdentityNeed(trx, sealer, input.matterId));
  if (!need) return undefined;
  let reached = await matterAssurance(trx, input.matterId);
  if (need.required === "none" || meetsAssurance(reached.assurance, need.required) || !need.nationalIdHmac)
    return { required: need.required, reached, need };
  const reusable = await findReusableProof(
    trx,
    { agencyId: input.agencyId, nationalIdHmac: need.nationalIdHmac },
    input.at,
  );
  if (!reusable || !meetsAssurance(reusable.assurance, need.required))
    return { required: need.required, reached, need };
  await acceptProofForMatter(trx, {
    agencyId: input.agencyId,
    matterId: input.matterId,
    at: input.at,
    proof: reusable,
    by: "system",
  });
  reached = await matterAssurance(trx, input.matterId);
  return { required: need.required, reached, need };
}

/**
 * ID-1: the gate before a final approval: a service that needs identity assurance is decided only
 * once the applicant reached it (a proof reusable from before counts, ID-2). Low risk: nothing needed.
 * Throws IDENTITY_NOT_PROVEN (409) with the level needed.
 */
export async function assertIdentityProven(
  trx: Db,
  sealer: Sealer | undefined,
  input: { agencyId: string; matterId: string; at: Date },
): Promise<void> {
  const state = await adoptReusableProof(trx, sealer, input);
  if (!state || state.required === "none") return;
  if (!meetsAssurance(state.reached.assurance, state.required))
    throw new AppError("IDENTITY_NOT_PROVEN", { level: state.required });
  // FM-5: for a company, the person acting is proven above; their authority to act is the delegation.
  const { need } = state;
  if (need.applicantType !== "juristic") return;
  const valid =
    need.juristicIdHmac !== null &&
    need.nationalIdHmac !== null &&
    (await delegationValid(
      trx,
      { agencyId: input.agencyId, juristicIdHmac: need.juristicIdHmac, actingIdHmac: need.nationalIdHmac },
      input.at,
    ));
  if (!valid) throw new AppError("DELEGATION_NOT_VERIFIED");
}
