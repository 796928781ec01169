import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type SignatureReport, verifyPdfSignatures } from "../platform/pdf/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { listAttachments } from "../register/index.js";
import type { ReviewCheck } from "./checks.repo.js";
import type { CheckOutcome } from "./checks.table.js";
import { type CheckActor, recordCheck } from "./record-check.js";
import { checkedItem, loadReviewSubject } from "./review-subject.js";
import { listTrustRoots } from "./trust-roots.js";

export interface VerifySignaturesDeps {
  handle: DatabaseHandle;
  files: FileStore;
  /** The verifier; tests and the identity and licence issues pass the platform's. */
  verify?: typeof verifyPdfSignatures;
}

/** RV-4: every signature intact, covering the whole file, and reaching a root the agency trusts. */
export function signatureOutcome(
  report: Exclude<SignatureReport, { verifier: "unavailable" }>,
): CheckOutcome {
  if (report.outcome === "unsigned") return "missing";
  if (report.outcome === "unreadable") return "defective";
  return report.signatures.every((s) => s.unchanged && s.trust === "trusted") ? "ok" : "defective";
}

/**
 * RV-4, THAI-STANDARDS §9: checks the digital signatures of one submitted PDF of an application against
 * the agency's trusted roots and records the verifier's report, with each signer's certificate and the
 * roots it was checked against, as a `signature` check of that file. The verifier runs before the
 * transaction; the form's version is checked when the check is written, so a stale click records nothing.
 * Throws REVIEW_ITEM_UNKNOWN, REVIEW_FILE_NOT_PDF, SIGNATURE_VERIFIER_UNAVAILABLE (503: pdfsig or certutil
 * missing, never reported as valid), and what `recordCheck` throws.
 */
export async function verifyDocumentSignatures(
  deps: VerifySignaturesDeps,
  input: {
    agencyId: string;
    matterId: string;
    expectedVersion: number;
    itemId: string;
    attachmentId: string;
  },
  actor: CheckActor,
): Promise<ReviewCheck> {
  const db = deps.handle.db;
  const subject = await loadReviewSubject(db, input.agencyId, input.matterId, actor);
  checkedItem(subject, "signature", input.itemId);
  const file = subject.application.documents.find(
    (d) => d.documentId === input.itemId && d.attachmentId === input.attachmentId,
  );
  if (!file) throw new AppError("REVIEW_ITEM_UNKNOWN", { item: input.itemId }, { field: "attachment" });
  const attachment = (await listAttachments(db, subject.application.entryId)).find(
    (a) => a.id === input.attachmentId,
  );
  if (!attachment?.storageKey) throw new AppError("REVIEW_ITEM_UNKNOWN", { item: input.itemId });
  const bytes = await deps.files.read(attachment.storageKey);
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new AppError("REVIEW_FILE_NOT_PDF");
  const roots = await listTrustRoots(db, input.agencyId);
  const report = await (deps.verify ?? verifyPdfSignatures)(bytes, { trustedRoots: roots.map((r) => r.pem) });
  if (report.verifier === "unavailable") throw new AppError("SIGNATURE_VERIFIER_UNAVAILABLE");
  return recordCheck(
    deps.handle,
    {
      agencyId: input.agencyId,
      matterId: input.matterId,
      expectedVersion: input.expectedVersion,
      kind: "signature",
      itemId: input.itemId,
      attachmentId: input.attachmentId,
      outcome: signatureOutcome(report),
      note: "",
      verification: {
        method: "pdfsig",
        report,
        roots: roots.map((r) => ({ id: r.id, name: r.name, sha256: r.sha256 })),
      },
    },
    actor,
    subject,
  );
}
