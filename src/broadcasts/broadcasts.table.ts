/** #17 broadcasts (CH-10): where a broadcast stands. */
export type BroadcastStatus =
  | "draft"
  | "submitted"
  | "returned"
  | "approved"
  | "sending"
  | "sent"
  | "failed"
  | "cancelled";

/** A message to many: today a LINE broadcast to every friend of the agency's Official Account. */
export interface BroadcastsTable {
  id: string;
  agency_id: string;
  channel: "line";
  /** The officers' name for it (never sent). */
  title: string;
  text_th: string;
  text_en: string | null;
  status: BroadcastStatus;
  /** Bumped by every act: a page showing an older version is refused (BROADCAST_STALE). */
  version: number;
  /** Staff ids: the four eyes keep both from approving it. */
  drafted_by: string;
  edited_by: string;
  approved_by: string | null;
  /** The content hash the approver saw; sending refuses any other content. Cleared by an edit. */
  approved_hash: string | null;
  /** The friends LINE said it reaches when it was sent (null: LINE did not say). */
  estimated_recipients: number | null;
  /** What LINE answered when sending failed. */
  failure: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** One act on a broadcast, with the reason a return gave. */
export interface BroadcastEventsTable {
  id: string;
  agency_id: string;
  broadcast_id: string;
  action: string;
  from_status: BroadcastStatus | null;
  to_status: BroadcastStatus;
  reason: string | null;
  /** `staff:<id>`, as in the audit trail. */
  actor: string;
  at: string;
}
