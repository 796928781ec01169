/** #15: one row per agency per local day the licence expiry ran; the primary key is the day's claim. */
export interface LicenceExpiryRunsTable {
  agency_id: string;
  /** YYYY-MM-DD in the agency's time zone. */
  day: string;
  started_at: string;
  finished_at: string | null;
  expired: number;
}
