import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7: the payment room's columns that hold personal data or secrets, stored sealed. */
export const PAYMENT_SEALED_COLUMNS: SealedColumns = {
  payment_accounts: ["callback_secret"],
  payments: ["payer_name"],
  e_receipts: ["payer_name", "void_reason"],
  // #14 callback
  bank_notifications: ["payer_name", "raw_body", "resolution_note"],
  // #14 statements
  statement_lines: ["description", "payer"],
  // #14 receipts: a void or refund's reason and the decider's note may name people
  receipt_corrections: ["reason", "note"],
  // #14 slips
  payment_slips: ["slip_qr"],
};
