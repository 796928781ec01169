import type { Selectable } from "kysely";

/** What became of a bank's bill-payment notification (PY-4). */
export type NotificationOutcome =
  | "recorded"
  | "duplicate"
  | "already-paid"
  | "unknown-reference"
  | "amount-differs"
  | "notice-closed"
  | "bad-signature"
  | "malformed";

/** PY-4: one bill-payment notification as a bank sent it, and what became of it. */
export interface BankNotificationsTable {
  id: string;
  agency_id: string;
  received_at: string;
  /** The account whose secret verified it; null when none did. */
  account_id: string | null;
  /** The bank's transaction ID, as claimed by a signed, well-formed notification (else null). */
  transaction_id: string | null;
  /** Set only on the first accepted notification of a transaction: unique, so a retry finds it. */
  accepted_transaction_id: string | null;
  ref1: string | null;
  ref2: string | null;
  amount_satang: number | null;
  paid_at: string | null;
  /** Sealed: the payer's name as the bank reported it. */
  payer_name: string | null;
  payer_bank: string | null;
  channel: string | null;
  /** Sealed: the body exactly as received (UTF-8 text), whatever it held. */
  raw_body: string;
  signature_ok: number;
  outcome: NotificationOutcome;
  payment_id: string | null;
  duplicate_of: string | null;
  /** When a finance officer (or the system, for the same money seen twice) settled a queue item. */
  resolved_at: string | null;
  resolved_by: string | null;
  /** Sealed: why the finance officer settled it (PY-3). */
  resolution_note: string | null;
}

export type BankNotificationRow = Selectable<BankNotificationsTable>;
