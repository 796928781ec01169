/** The kinds of notice an admin posts (WS-4). */
export const NOTICE_KINDS = ["information", "degraded", "downtime"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticeStatus = "active" | "withdrawn";

/** #17 status (WS-4): one status notice of an agency; times are ISO instants in UTC. */
export interface ServiceNoticesTable {
  id: string;
  agency_id: string;
  kind: NoticeKind;
  text_th: string;
  text_en: string;
  starts_at: string;
  ends_at: string | null;
  /** When the banner starts: posting time, or 48 hours before a downtime announced further ahead. */
  shown_from: string;
  emergency_reason: string | null;
  status: NoticeStatus;
  created_at: string;
  created_by: string;
  updated_at: string;
}
