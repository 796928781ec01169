import type { Selectable } from "kysely";
import type { DayKind } from "../workflow/index.js";

/** RV-2, LF-2..4: the deficiency record of an application (see its migration). */
export interface DeficiencyRecordsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  application_id: string;
  /** 1; 2 only by a supervisor's override (`override_reason`, `override_by`). */
  ordinal: number;
  /** JSON of `DeficiencyItem[]`. */
  items: string;
  deadline: string;
  deadline_days: number;
  deadline_kind: DayKind;
  letter_id: string;
  officer_acknowledged_by: string;
  officer_acknowledged_at: string;
  applicant_acknowledged_at: string | null;
  applicant_acknowledged_via: string | null;
  fulfilled_at: string | null;
  fulfilled_entry_id: string | null;
  lapsed_at: string | null;
  return_letter_id: string | null;
  override_reason: string | null;
  override_by: string | null;
  created_at: string;
}

/** RV-3: one attempt to reach the applicant. */
export interface ContactAttemptsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  action_id: string;
  channel: string;
  outcome: string;
  staff_id: string;
  at: string;
  proposed_at: string | null;
}

export type DeficiencyRecordRow = Selectable<DeficiencyRecordsTable>;
export type ContactAttemptRow = Selectable<ContactAttemptsTable>;
