import type { Selectable } from "kysely";

/** What a check is about (see the migration 20261208200000_review-checks). */
export const CHECK_KINDS = ["document", "delegation", "e-stamp", "issuer-verification", "signature"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const CHECK_OUTCOMES = ["ok", "missing", "defective", "not-applicable"] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export interface ReviewChecksTable {
  id: string;
  agency_id: string;
  matter_id: string;
  application_id: string;
  item_kind: CheckKind;
  /** The manual's checklist document (RequiredDocument.id). */
  item_id: string;
  /** The submitted file a signature check is about; null for the others. */
  attachment_id: string | null;
  outcome: CheckOutcome;
  note: string;
  /** JSON: { method, reference, result } of a verification, or { report } of the signature verifier. */
  verification: string | null;
  matter_action_id: string;
  /** The matter's version the check's action made (orders a matter's checks). */
  matter_version: number;
  /** `staff:<id>` */
  checked_by: string;
  checked_at: string;
}

export type ReviewCheckRow = Selectable<ReviewChecksTable>;
