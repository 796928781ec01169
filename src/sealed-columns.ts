import { IDENTITY_SEALED_COLUMNS } from "./identity/index.js";
import type { SealedColumns } from "./platform/crypto/index.js";

/**
 * ID-7, SC-1: every column where personal data lands, stored sealed (AES-256-GCM). Each capability
 * names its own columns (exported from its index); this list joins them for the database plugin.
 */
export const SEALED_COLUMNS: SealedColumns = {
  // #13 sealed columns: one spread per capability
  ...IDENTITY_SEALED_COLUMNS,
};
