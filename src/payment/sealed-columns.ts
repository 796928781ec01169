import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7: the payment room's columns that hold personal data or secrets, stored sealed. */
export const PAYMENT_SEALED_COLUMNS: SealedColumns = {
  payment_accounts: ["callback_secret"],
  payments: ["payer_name"],
  e_receipts: ["payer_name"],
  // #14 slips
  payment_slips: ["slip_qr"],
};
