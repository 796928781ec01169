import type { Selectable } from "kysely";

/** AP-1: the approval chain of one service of an agency (no row: one approver of the matter's unit). */
export interface ApprovalChainsTable {
  agency_id: string;
  service_code: string;
  /** JSON list of `ChainLevel` (1 to 5), first to last. */
  levels: string;
  updated_by: string;
  updated_at: string;
}

/** AP-1, RG-6: one level's decision on a matter, with its reasons, letter and paper evidence. */
export interface ApprovalDecisionsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  /** How many times the matter was submitted for approval when this was decided (a send-back restarts). */
  round: number;
  /** 1-based level of the chain. */
  level: number;
  decision: "approve" | "refuse" | "send-back";
  /** Refusals: "incomplete" | "unqualified" | "other". */
  reason_kind: string | null;
  reasons: string | null;
  /** LF-5: how to put right what the refusal names. */
  remedy: string | null;
  /** `staff:<id>` of the officer who decided (on paper: named by the officer who recorded it). */
  decided_by: string;
  decided_at: string;
  /** `staff:<id>` of the officer who recorded it (the decider, or who recorded a paper decision). */
  recorded_by: string;
  /** The matter_actions row written with it. */
  action_id: string;
  letter_id: string | null;
  /** RG-6: the storage key of the signed approval sheet's scan. */
  evidence_attachment: string | null;
  evidence_sha256: string | null;
  evidence_media_type: string | null;
  scanned_by: string | null;
  scan_device: string | null;
  /** RG-6: the completeness check: the sheet's pages as printed, the scan's pages as received. */
  sheet_pages: number | null;
  scan_pages: number | null;
}

export type ApprovalChainRow = Selectable<ApprovalChainsTable>;
export type ApprovalDecisionRow = Selectable<ApprovalDecisionsTable>;
