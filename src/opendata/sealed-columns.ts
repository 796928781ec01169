import type { SealedColumns } from "../platform/crypto/index.js";

/** The CKAN API token is a credential: sealed at rest like the other secrets. */
export const OPENDATA_SEALED_COLUMNS: SealedColumns = {
  open_data_settings: ["ckan_token"],
};
