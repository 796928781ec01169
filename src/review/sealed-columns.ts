import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: review's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const REVIEW_SEALED_COLUMNS: SealedColumns = {
  // A check note or a signature report can name the applicant or the signer.
  review_checks: ["note", "verification"],
  deficiency_records: ["items", "override_reason"],
};
