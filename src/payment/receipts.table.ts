import type { Selectable } from "kysely";

/** PY-5: a worker's attempts at making one e-receipt's signed PDF and XML (claimed by its lease). */
export interface EReceiptAttemptsTable {
  receipt_id: string;
  agency_id: string;
  attempts: number;
  /** Another worker leaves the receipt alone until then. */
  lease_until: string;
  /** After a failure (the TSA down), not tried again before this. */
  next_attempt_at: string;
  last_error: string | null;
}

export type CorrectionKind = "void" | "refund";
export type CorrectionStatus = "requested" | "approved" | "refused" | "done";

/** PY-5: a void or a refund of an e-receipt, requested by one officer and decided by another. */
export interface ReceiptCorrectionsTable {
  id: string;
  agency_id: string;
  receipt_id: string;
  kind: CorrectionKind;
  /** Satang: the receipt's amount for a void; at most that for a refund. */
  amount_satang: number;
  reason: string;
  status: CorrectionStatus;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  paid_out_reference: string | null;
  paid_out_at: string | null;
  version: number;
}

export type ReceiptCorrectionRow = Selectable<ReceiptCorrectionsTable>;
