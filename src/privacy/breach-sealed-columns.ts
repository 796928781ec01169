import type { SealedColumns } from "../platform/crypto/index.js";

/** SC-1: an account of a breach and the notes of whom was told may name people: sealed at rest. */
export const BREACH_SEALED_COLUMNS: SealedColumns = {
  privacy_breaches: ["description", "measures"],
  privacy_breach_notices: ["note"],
};
