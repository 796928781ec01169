import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: approval's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const APPROVAL_SEALED_COLUMNS: SealedColumns = {
  approval_decisions: ["reasons", "remedy"],
};
