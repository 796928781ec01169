import type { Selectable } from "kysely";

/** PD-5: where a breach is in its handling (BREACH_STATUSES). */
export type BreachStatus =
  | "recorded"
  | "assessed"
  | "regulator_notified"
  | "not_notifiable"
  | "subjects_told"
  | "closed";

export type BreachRisk = "low" | "high";

/** PD-5: one personal-data breach of the agency (PDPA s.37(4)). */
export interface PrivacyBreachesTable {
  id: string;
  agency_id: string;
  status: BreachStatus;
  occurred_at: string;
  /** When the agency became aware: the 72-hour clock runs from here. */
  aware_at: string;
  /** Sealed at rest (BREACH_SEALED_COLUMNS). */
  description: string;
  /** JSON array of data-class names. */
  data_classes: string;
  people_estimate: number;
  risk: BreachRisk;
  /** Sealed at rest. */
  measures: string;
  not_notifiable_reason: string | null;
  regulator_notified_at: string | null;
  subjects_told_at: string | null;
  /** `staff:<id>` */
  recorded_by: string;
  created_at: string;
  updated_at: string;
}

/** PD-5: a breach's status history, written only by `recordBreachAction`. */
export interface PrivacyBreachEventsTable {
  id: string;
  agency_id: string;
  breach_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor: string;
  at: string;
}

/** PD-5: one telling of a breach: to whom, how and when. */
export interface PrivacyBreachNoticesTable {
  id: string;
  agency_id: string;
  breach_id: string;
  recipient: "regulator" | "subjects";
  method: string;
  told_at: string;
  /** Sealed at rest: may name whom, e.g. the people told. */
  note: string;
  recorded_by: string;
  recorded_at: string;
}

/** PD-2: the agency's data protection officer (or responsible person), named in the record of processing. */
export interface PrivacyOfficersTable {
  agency_id: string;
  name: string;
  contact: string;
  updated_by: string;
  updated_at: string;
}

export type BreachRow = Selectable<PrivacyBreachesTable>;
export type BreachNoticeRow = Selectable<PrivacyBreachNoticesTable>;
