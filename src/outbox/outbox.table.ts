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
  /** `uncertain`: a send was cut off after the mail server may have taken it; never repeated by itself. */
  status: "pending" | "sending" | "sent" | "failed" | "uncertain";
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  send_started_at: string | null;
  bounced_at: string | null;
  bounce_reason: string | null;
  created_at: string;
}

export type OutboxRow = Selectable<OutboxTable>;
