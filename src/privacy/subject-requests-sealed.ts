import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: what a data-subject request holds of the person, stored sealed. */
export const SUBJECTS_SEALED_COLUMNS: SealedColumns = {
  data_subject_requests: ["details", "proof_ref", "answer", "refusal_reason"],
};
