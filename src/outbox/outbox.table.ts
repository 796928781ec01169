import type { Selectable } from "kysely";

export interface OutboxTable {
  id: string;
  agency_id: string;
  entry_id: string;
  kind: string;
  channel: string;
  recipient: string;
  /** JSON of the message to send (for email: subject, text, html, headers). */
  payload: string;
  status: "pending" | "sending" | "sent" | "failed";
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export type OutboxRow = Selectable<OutboxTable>;
