import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: notifications's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const NOTIFICATIONS_SEALED_COLUMNS: SealedColumns = {
  // The recipient is an id (the entry, or a LINE user), not an address: it stays clear.
  notifications: ["text"],
};
