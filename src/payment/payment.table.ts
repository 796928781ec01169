import type { Generated, Selectable } from "kysely";

/** PY-1: the account in the agency's name that fees are paid into, and its bill-payment identity. */
export interface PaymentAccountsTable {
  id: string;
  agency_id: string;
  /** Bank code of the Bank of Thailand list (e.g. 006 Krungthai), and its name as people know it. */
  bank_code: string;
  bank_name: string;
  account_number: string;
  account_name: string;
  /** PY-4: the Biller ID the bank gave the agency (Thai QR tag 30), 13 or 15 digits; null: no bill payment. */
  biller_id: string | null;
  /** PY-1: the Comp Code people quote at a bank counter or ATM; null when the bank gave none. */
  comp_code: string | null;
  /** Sealed: the shared secret the bank signs its payment notifications with (PY-4); null: none set. */
  callback_secret: string | null;
  /** 1 for the account new notices are paid into. */
  is_default: number;
  created_at: string;
  updated_at: string;
}

export type NoticeKind = "application_fee" | "licence_fee" | "fine" | "other";
export type NoticeStatus = "open" | "paid" | "expired" | "cancelled";

/** PY-1: a payment notice: what to pay, into which account, by when, under the agency's own Ref1. */
export interface PaymentNoticesTable {
  id: string;
  agency_id: string;
  matter_id: string;
  kind: NoticeKind;
  /** PY-1: the agency's transaction ID (Thai QR tag 30 Ref1): digits, unique in the agency. */
  ref1: string;
  ref2: string | null;
  /** Money is kept in satang (integers), never as floating baht; a bigint column: read through `Number()`. */
  amount_satang: number;
  /** JSON: the fee lines `[{ detail: {th, en}, amountSatang, basis }]` the amount is the sum of. */
  lines: string;
  /** JSON: the account as it stood when the notice was issued (bank, number, name, biller ID, comp code). */
  pay_to: string | null;
  due_at: string;
  status: NoticeStatus;
  /** 1 when the matter waits in awaiting_payment until this notice is paid. */
  gates_matter: number;
  reminded_at: string | null;
  closed_at: string | null;
  created_at: string;
  created_by: string;
  version: number;
}

export type PaymentSource = "callback" | "statement" | "slip" | "counter";

/** PY-3: money received against a notice. One per notice: the unique notice_id is "paid once". */
export interface PaymentsTable {
  id: string;
  agency_id: string;
  notice_id: string;
  matter_id: string;
  amount_satang: number;
  source: PaymentSource;
  /** The bank's own transaction reference, when known (callback, statement line, slip QR). */
  bank_reference: string | null;
  paid_at: string;
  recorded_at: string;
  recorded_by: string;
  /** Sealed: the payer's name as the bank reported it. */
  payer_name: string | null;
  /** What proved it: `statement_line:<id>`, `callback:<id>`, `slip:<id>`. */
  evidence: string | null;
  /** PY-3: the finance officer who reviewed this receipt of money, and when. */
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export type EReceiptStatus = "pending_signature" | "issued" | "voided";

/** PY-5: the government e-receipt of one payment, numbered per agency and Thai fiscal year. */
export interface EReceiptsTable {
  id: string;
  agency_id: string;
  payment_id: string;
  notice_id: string;
  matter_id: string;
  /** Buddhist-era fiscal year (1 October – 30 September, named by the year it ends). */
  fiscal_year: number;
  sequence: number;
  /** `2570-000123`: fiscal year and running number, gapless. */
  receipt_number: string;
  amount_satang: number;
  issued_at: string;
  status: EReceiptStatus;
  /** File store keys of the signed PDF and the XML, once made. */
  pdf_key: string | null;
  xml_key: string | null;
  signed_at: string | null;
  /** Sealed: the payer's name printed on the receipt. */
  payer_name: string | null;
  voided_at: string | null;
  void_reason: string | null;
}

/** Gapless running numbers of the payment room: `notice-ref` (Ref1) and `e-receipt`, per fiscal year. */
export interface PaymentCountersTable {
  agency_id: string;
  series: string;
  fiscal_year: number;
  last_number: Generated<number>;
}

export type PaymentAccountRow = Selectable<PaymentAccountsTable>;
export type PaymentNoticeRow = Selectable<PaymentNoticesTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type EReceiptRow = Selectable<EReceiptsTable>;
