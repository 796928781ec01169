import { fileTypeFromBuffer } from "file-type";
import { idNumberLookupKey, type Sealer } from "../platform/crypto/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { recordAction } from "../register/index.js";
import { insertProof, recordMatterAssurance } from "./proofs.repo.js";
import { findBookedVideoAppointment, updateBookedVideoAppointment } from "./video-calls.repo.js";
import type { VideoCallOutcome } from "./video-calls.table.js";
import { type IdentityOfficer, loadIdentitySubject, staffActor } from "./video-subject.js";

/** PD-7: a still is biometric data, kept on its own retention class: this many days after the decision. */
export const VIDEO_STILL_RETENTION_DAYS = 90;
/** ID-2: an identity proven by a video call is reused on later applications for this many days. */
export const VIDEO_PROOF_VALID_DAYS = 365;
/** What a captured still may be (sniffed from its bytes, never taken from its name). */
const STILL_TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_STILL_BYTES = 10 * 1024 * 1024;

export interface VideoCallResult {
  agencyId: string;
  matterId: string;
  appointmentId: string;
  expectedVersion: number;
  /** A held call proved or did not prove the applicant; or nobody came. */
  outcome: VideoCallOutcome | "missed";
  /** The captured still (required when proven). */
  still?: Uint8Array;
  note: string;
}

/**
 * ID-3: the officer records a call's outcome. A held call writes a video proof (IAL2), proven or
 * refused, with the still sealed in the file store (PD-7: only after the applicant's consent); proven,
 * the matter records the assurance reached and, if it awaited identity, goes back to review
 * (`confirm-identity`). The applicant is told the result (a public `record-identity-call`). One
 * transaction. Throws VIDEO_STILL_NOT_IMAGE (422), VIDEO_STILL_REQUIRED, VIDEO_CALL_NO_CONSENT,
 * VIDEO_CALL_NOT_FOUND, VALIDATION_FAILED, MATTER_NOT_FOUND, MATTER_CHANGED.
 */
export async function recordVideoCallOutcome(
  deps: { handle: DatabaseHandle; files: FileStore; sealer: Sealer },
  input: VideoCallResult,
  officer: IdentityOfficer,
): Promise<void> {
  const { handle } = deps;
  if (input.note.length > 2000)
    throw new AppError("VALIDATION_FAILED", { detail: "note" }, { field: "note" });
  const { application } = await loadIdentitySubject(handle.db, input.agencyId, input.matterId, officer);
  const call = await findBookedVideoAppointment(handle.db, input.matterId);
  if (!call || call.id !== input.appointmentId) throw new AppError("VIDEO_CALL_NOT_FOUND");
  const still = input.outcome === "missed" ? undefined : input.still;
  if (input.outcome === "proven" && !still) throw new AppError("VIDEO_STILL_REQUIRED");
  if (still) {
    // PD-7: no biometric capture without the applicant's explicit consent, given before the call.
    if (!call.consent_at) throw new AppError("VIDEO_CALL_NO_CONSENT");
    const type = still.length <= MAX_STILL_BYTES ? await fileTypeFromBuffer(still) : undefined;
    if (!type || !STILL_TYPES.includes(type.mime)) throw new AppError("VIDEO_STILL_NOT_IMAGE");
  }
  // ID-7: the still lands in the file store sealed.
  const stillKey = still ? (await deps.files.put(still)).key : null;
  // The person proved: the applicant, or for a company the person acting for it (FM-5).
  const acting = application.acting_person
    ? (JSON.parse(application.acting_person) as { idNumber?: string })
    : null;
  const personId =
    application.applicant_type === "juristic" ? acting?.idNumber : application.applicant_id_number;
  const at = officer.at.toISOString();
  const by = `staff:${officer.staffId}`;

  await withTransaction(handle, async (trx) => {
    const { scope } = await loadIdentitySubject(trx, input.agencyId, input.matterId, officer);
    let proofId: string | null = null;
    if (input.outcome !== "missed") {
      proofId = await insertProof(trx, {
        agencyId: input.agencyId,
        nationalIdHmac: idNumberLookupKey(deps.sealer, personId) ?? null,
        method: "video",
        assurance: "IAL2",
        status: input.outcome,
        evidence: { appointmentId: call.id, stillKey },
        matterId: input.matterId,
        at,
        decidedBy: by,
        expiresAt:
          input.outcome === "proven"
            ? new Date(officer.at.getTime() + VIDEO_PROOF_VALID_DAYS * 86_400_000).toISOString()
            : null,
      });
    }
    const changed = await updateBookedVideoAppointment(trx, call.id, {
      status: input.outcome === "missed" ? "missed" : "held",
      outcome: input.outcome === "missed" ? null : input.outcome,
      still_key: stillKey,
      note: input.note || null,
      proof_id: proofId,
      decided_by: by,
      decided_at: at,
    });
    if (!changed) throw new AppError("VIDEO_CALL_NOT_FOUND");
    const told = await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: input.matterId },
      action: "record-identity-call",
      payload: { appointmentId: call.id, outcome: input.outcome, ...(proofId && { proofId }) },
      actor: staffActor(officer),
      at: officer.at,
      ip: officer.ip,
      expectedVersion: input.expectedVersion,
      unitIds: scope.unitIds,
    });
    if (input.outcome !== "proven" || !proofId) return;
    await recordMatterAssurance(trx, {
      agencyId: input.agencyId,
      matterId: input.matterId,
      proof: { id: proofId, assurance: "IAL2", method: "video" },
      by,
      at,
    });
    if (told.matter.status === "identity_check_required")
      await recordAction(trx, {
        agencyId: input.agencyId,
        subject: { matterId: input.matterId },
        action: "confirm-identity",
        payload: { proofId, method: "video" },
        actor: staffActor(officer),
        at: officer.at,
        ip: officer.ip,
        unitIds: scope.unitIds,
      });
  });
}
