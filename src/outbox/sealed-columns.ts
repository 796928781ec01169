import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: the outbox's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const OUTBOX_SEALED_COLUMNS: SealedColumns = {
  outbox: ["recipient", "payload"],
};
