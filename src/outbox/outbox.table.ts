import type { Generated, Selectable } from "kysely";

export interface OutboxTable {
  id: string;
  agency_id: string;
  /** Null for a message about no register entry (a resume link, a signature code): see `subject_key`. */
  entry_id: string | null;
  subject_key: string | null;
  kind: string;
  channel: string;
  recipient: string;
  /** JSON of the message to send (for email: subject, text, html, headers). */
  payload: string;
  /** #13 (PD-4): when the retention job emptied the payload; null while it holds the message. */
  payload_purged_at: Generated<string | null>;
  /**
   * `uncertain`: a send was cut off after the mail server may have taken it; never repeated by itself.
   * `not_configured`: no mail server is configured, so it was never handed to one; it is sent once one is.
   */
  status: "pending" | "sending" | "sent" | "failed" | "uncertain" | "not_configured";
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  send_started_at: string | null;
  bounced_at: string | null;
  bounce_reason: string | null;
  created_at: string;
  /** #13 (ID-7): keyed hash of the sealed recipient (an email by `emailLookupKey`, else by "recipient"). */
  recipient_hmac: Generated<string | null>;
}

export type OutboxRow = Selectable<OutboxTable>;
