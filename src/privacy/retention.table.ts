import type { Selectable } from "kysely";

/** PD-4: one row per agency per day the retention purge ran; the primary key is the day's claim. */
export interface RetentionRunsTable {
  agency_id: string;
  day: string;
  started_at: string;
  finished_at: string | null;
  /** JSON {dataClass: number purged}: counts only, never personal data. */
  counts: string;
}

export type RetentionRunRow = Selectable<RetentionRunsTable>;

/** PD-4: an agency's own period for a data class, at least the law's minimum. */
export interface RetentionPeriodsTable {
  agency_id: string;
  data_class: string;
  days: number;
  /** `staff:<id>` or `cli:<user>`. */
  set_by: string;
  set_at: string;
}
