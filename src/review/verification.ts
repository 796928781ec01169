import type { CheckOutcome } from "./checks.table.js";

/** RV-4: how a delegation's e-Stamp duty reference was verified. */
export const E_STAMP_METHODS = ["rd-e-stamp", "rd-enquiry", "other"] as const;
/** RV-4: how a document issued by another agency was verified by its issuer's method. */
export const ISSUER_METHODS = ["code", "link", "enquiry", "other"] as const;
export const VERIFICATION_RESULTS = ["verified", "mismatch", "not-found"] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

/** A verification's finding: verified is ok; without a reference, nothing could be verified: missing. */
export function verificationOutcome(result: VerificationResult, reference: string): CheckOutcome {
  if (!reference) return "missing";
  return result === "verified" ? "ok" : "defective";
}
