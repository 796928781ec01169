export interface AuditEventsTable {
  id: string;
  agency_id: string | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON of what changed. */
  data: string;
  ip: string | null;
  created_at: string;
}
