import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7: a delivery's recipient (an email address, a LINE user id) is personal data, stored sealed. */
export const DELIVERY_SEALED_COLUMNS: SealedColumns = {
  licence_deliveries: ["recipient", "error"],
};
