import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, recordAction } from "../register/index.js";
import type { Role } from "../staff/index.js";
import { acceptProofForMatter } from "./accept-proof.js";

/** ID-6: what the officer compares, photo and card against the form. */
export const EVIDENCE_CHECKS = [
  "nameConsistent",
  "photoMatchesCard",
  "addressConsistent",
  "noTampering",
] as const;
export type EvidenceCheck = (typeof EVIDENCE_CHECKS)[number];

/** ID-2: a proof stands for a year, then the person is proven again. */
const PROOF_VALID_MS = 365 * 24 * 3_600_000;

export interface EvidenceDecision {
  agencyId: string;
  matterId: string;
  proofId: string;
  outcome: "proven" | "refused";
  checks: readonly EvidenceCheck[];
  note: string;
}

/**
 * ID-6: an officer's check of a pending evidence proof, in one transaction: the proof decided (who, when,
 * the checklist and note, sealed), valid a year; proven → counted for the matter (`acceptProofForMatter`:
 * back to review when identity was awaited); refused → a public `refuse-identity-proof` action, so the
 * applicant is told and may send again. A proven outcome needs every check ticked; a refusal a note.
 * Throws MATTER_NOT_FOUND, IDENTITY_PROOF_NOT_FOUND (404), IDENTITY_PROOF_DECIDED (409: decided before,
 * a double click included), IDENTITY_CHECKLIST_INCOMPLETE, VALIDATION_FAILED (422/400).
 */
export async function checkEvidence(
  handle: DatabaseHandle,
  input: EvidenceDecision,
  officer: { staffId: string; roles: readonly Role[]; scope?: readonly string[]; at: Date; ip?: string },
): Promise<void> {
  const at = officer.at.toISOString();
  const by = `staff:${officer.staffId}`;
  await withTransaction(handle, async (trx) => {
    const matter = await findMatter(trx, input.agencyId, input.matterId);
    if (!matter || (officer.scope && !(matter.unitId && officer.scope.includes(matter.unitId))))
      throw new AppError("MATTER_NOT_FOUND");
    const proof = await trx
      .selectFrom("identity_proofs")
      .select(["id", "status", "assurance", "method"])
      .where("agency_id", "=", input.agencyId)
      .where("matter_id", "=", matter.id)
      .where("id", "=", input.proofId)
      .where("method", "=", "evidence")
      .executeTakeFirst();
    if (!proof) throw new AppError("IDENTITY_PROOF_NOT_FOUND");
    if (input.outcome === "proven" && !EVIDENCE_CHECKS.every((c) => input.checks.includes(c)))
      throw new AppError("IDENTITY_CHECKLIST_INCOMPLETE", {}, { field: "checks" });
    if (input.outcome === "refused" && !input.note.trim())
      throw new AppError("VALIDATION_FAILED", { detail: "note" }, { field: "note" });
    // Decided only while pending, in one statement: a second decision (or a double click) changes nothing.
    const decided = await trx
      .updateTable("identity_proofs")
      .set({
        status: input.outcome,
        decided_by: by,
        decided_at: at,
        checklist: JSON.stringify({ checks: input.checks, note: input.note.trim() }),
        expires_at:
          input.outcome === "proven" ? new Date(officer.at.getTime() + PROOF_VALID_MS).toISOString() : null,
      })
      .where("id", "=", proof.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw new AppError("IDENTITY_PROOF_DECIDED");
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: by,
      action: `identity.evidence-${input.outcome}`,
      subjectType: "identity_proof",
      subjectId: proof.id,
      data: { matterId: matter.id, checks: input.checks.join(",") },
      ip: officer.ip,
      at,
    });
    if (input.outcome === "proven")
      await acceptProofForMatter(trx, {
        agencyId: input.agencyId,
        matterId: matter.id,
        proof,
        by,
        at: officer.at,
        ip: officer.ip,
      });
    else if (matter.status === "identity_check_required" || matter.status === "in_review")
      await recordAction(trx, {
        agencyId: input.agencyId,
        subject: { matterId: matter.id },
        action: "refuse-identity-proof",
        payload: { proofId: proof.id, text: input.note.trim() },
        actor: { kind: "staff", staffId: officer.staffId, roles: officer.roles },
        at: officer.at,
        ip: officer.ip,
        unitIds: officer.scope,
      });
  });
}

/**
 * ID-1: an officer asks the applicant to prove their identity (`require-identity`, public: the applicant
 * is told on their channel with the tracking link). Only when the service needs it and it is not reached.
 * Throws IDENTITY_NOT_REQUIRED (409), and what `recordAction` throws.
 */
export async function requireIdentity(
  handle: DatabaseHandle,
  input: { agencyId: string; matterId: string; required: string; expectedVersion: number },
  officer: { staffId: string; roles: readonly Role[]; scope?: readonly string[]; at: Date; ip?: string },
): Promise<void> {
  await recordAction(handle, {
    agencyId: input.agencyId,
    subject: { matterId: input.matterId },
    action: "require-identity",
    payload: { required: input.required },
    actor: { kind: "staff", staffId: officer.staffId, roles: officer.roles },
    at: officer.at,
    ip: officer.ip,
    expectedVersion: input.expectedVersion,
    unitIds: officer.scope,
  });
}
