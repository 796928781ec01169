import type { Selectable } from "kysely";

/** How a notification stands; an email's `queued` is read further from its outbox row. */
export type NotificationStatus = "queued" | "pending" | "sent" | "failed" | "not_configured" | "no-channel";

export type NotificationChannel = "email" | "line" | "none";

export interface NotificationsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  /** Unique: one notification per timeline action, whatever the number of workers. */
  matter_action_id: string;
  /** The action's version in the matter: the timeline's order. */
  action_version: number;
  event: string;
  channel: NotificationChannel;
  /** By id: the entry (email: the outbox row holds the address) or the LINE user id; null: no channel. */
  recipient: string | null;
  language: "th" | "en";
  /** The text as composed (both languages), shown to officers and on the tracking page. */
  text: string;
  status: NotificationStatus;
  attempts: number;
  sent_at: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationCursorTable {
  id: string;
  after_at: string;
  after_id: string;
  updated_at: string;
}

export interface NotificationTemplatesTable {
  agency_id: string;
  event: string;
  language: "th" | "en";
  text: string;
  updated_by: string;
  updated_at: string;
}

export type NotificationRow = Selectable<NotificationsTable>;
