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
