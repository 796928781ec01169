import type { Selectable } from "kysely";

export type SlipChannel = "web" | "email" | "line";
export type SlipState = "pending" | "confirmed" | "rejected";

/** PY-2: a payment slip an applicant sent, what its QR says, and the finance officer's decision. */
export interface PaymentSlipsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  notice_id: string | null;
  /** File store key of the slip (sealed by the store), and its sniffed media type. */
  file_key: string;
  media_type: string;
  channel: SlipChannel;
  entry_id: string | null;
  attachment_id: string | null;
  received_at: string;
  /** Sealed: the slip-verification QR payload as decoded. */
  slip_qr: string | null;
  /** The BANK's transaction reference and sending bank code the QR names (not the agency's Ref1). */
  bank_reference: string | null;
  sending_bank: string | null;
  state: SlipState;
  decided_by: string | null;
  decided_at: string | null;
  /** Why it was rejected, as told to the applicant. */
  reason: string | null;
  payment_id: string | null;
  version: number;
}

/** PY-3: the finance officer's record that every receipt of money of one business day was reviewed. */
export interface FinanceDailyChecksTable {
  id: string;
  agency_id: string;
  /** Local date (YYYY-MM-DD) of the business day checked. */
  business_date: string;
  checked_by: string;
  checked_at: string;
  payments_count: number;
  note: string | null;
}

export type PaymentSlipRow = Selectable<PaymentSlipsTable>;
export type FinanceDailyCheckRow = Selectable<FinanceDailyChecksTable>;
