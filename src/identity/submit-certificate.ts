import crypto from "node:crypto";
import { recordAudit } from "../audit/index.js";
import { idNumberLookupKey } from "../platform/crypto/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type PdfSignature, type SignatureReport, verifyPdfSignatures } from "../platform/pdf/index.js";
import { listTrustRoots } from "../review/index.js";
import { acceptProofForMatter } from "./accept-proof.js";
import { findIdentityNeed, type IdentityNeed } from "./identity-need.js";
import { insertProof } from "./proofs.repo.js";

/** Why a signed document does not prove the applicant, as the verifier found it (never "valid" unless so). */
export type CertificateRefusal =
  | "unavailable"
  | "unreadable"
  | "unsigned"
  | "changed"
  | "untrusted"
  | "signer-mismatch";

const compact = (s: string) => s.normalize("NFC").replace(/\s+/g, "");

/** ID-5: the signer is the person to prove: the 13-digit ID in their certificate, else their name. */
function signerIsApplicant(sig: PdfSignature, need: IdentityNeed, index: (id: string) => string | undefined) {
  const ids = (sig.subject ?? "").match(/\b\d{13}\b/g) ?? [];
  if (ids.length > 0 && need.nationalIdHmac) return ids.some((id) => index(id) === need.nationalIdHmac);
  return !!sig.signer && compact(sig.signer) === compact(need.applicantName);
}

/** The verifier's verdict on a document meant to prove the applicant's identity. */
export function certificateVerdict(
  report: SignatureReport,
  need: IdentityNeed,
  index: (id: string) => string | undefined,
): { signature: PdfSignature } | { refusal: CertificateRefusal } {
  if (report.verifier === "unavailable") return { refusal: "unavailable" };
  if (report.outcome !== "signed") return { refusal: report.outcome };
  if (!report.signatures.every((s) => s.unchanged)) return { refusal: "changed" };
  const trusted = report.signatures.filter((s) => s.trust === "trusted");
  if (trusted.length === 0) return { refusal: "untrusted" };
  const signature = trusted.find((s) => signerIsApplicant(s, need, index));
  return signature ? { signature } : { refusal: "signer-mismatch" };
}

/**
 * ID-5: the applicant uploads a PDF they signed with a certificate: checked by the platform's verifier
 * (pdfsig) against the roots the agency trusts. Intact, trusted and signed by the applicant → a `proven`
 * certificate proof (IAL2) counted for the matter; anything else is recorded `refused` with the verifier's
 * reason and refused with it (IDENTITY_CERTIFICATE_REFUSED, 422). Only the file's hash is kept.
 */
export async function submitCertificate(
  deps: { handle: DatabaseHandle; verify?: typeof verifyPdfSignatures },
  input: { agencyId: string; matterId: string; pdf: Uint8Array; at: Date; ip?: string },
): Promise<string> {
  const { handle } = deps;
  const sealer = handle.sealer;
  const need = await findIdentityNeed(handle.db, sealer, input.matterId);
  if (!need) throw new AppError("IDENTITY_NOT_REQUIRED");
  const bytes = Buffer.from(input.pdf);
  const roots = await listTrustRoots(handle.db, input.agencyId);
  const report: SignatureReport =
    bytes.subarray(0, 5).toString("latin1") === "%PDF-"
      ? await (deps.verify ?? verifyPdfSignatures)(bytes, { trustedRoots: roots.map((r) => r.pem) })
      : { verifier: "pdfsig", outcome: "unreadable", signatures: [] };
  const verdict = certificateVerdict(report, need, (id) =>
    sealer ? idNumberLookupKey(sealer, id) : undefined,
  );
  const at = input.at.toISOString();
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const signature = "signature" in verdict ? verdict.signature : undefined;
  const proofId = await withTransaction(handle, async (trx) => {
    const id = await insertProof(trx, {
      agencyId: input.agencyId,
      nationalIdHmac: need.nationalIdHmac,
      method: "certificate",
      assurance: "IAL2",
      status: signature ? "proven" : "refused",
      evidence: {
        sha256,
        verifiedAt: at,
        ...(signature
          ? {
              signerSubject: signature.subject,
              issuer: signature.issuer,
              certificateSha256: signature.certificate?.sha256,
            }
          : { refusal: "refusal" in verdict ? verdict.refusal : "unavailable" }),
        roots: roots.map((r) => r.sha256),
      },
      matterId: input.matterId,
      at,
      decidedBy: "system",
      expiresAt: signature?.certificate?.validTo
        ? new Date(signature.certificate.validTo).toISOString()
        : null,
    });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: "applicant",
      action: signature ? "identity.certificate-proven" : "identity.certificate-refused",
      subjectType: "identity_proof",
      subjectId: id,
      data: { matterId: input.matterId, ...("refusal" in verdict && { refusal: verdict.refusal }) },
      ip: input.ip,
      at,
    });
    if (signature)
      await acceptProofForMatter(trx, {
        agencyId: input.agencyId,
        matterId: input.matterId,
        proof: { id, assurance: "IAL2", method: "certificate" },
        by: "system",
        at: input.at,
        ip: input.ip,
      });
    return id;
  });
  if ("refusal" in verdict) throw new AppError("IDENTITY_CERTIFICATE_REFUSED", { reason: verdict.refusal });
  return proofId;
}
