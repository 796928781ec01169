import type { Selectable } from "kysely";

/** The agency's LINE Official Account channel (CH-10). */
export interface LineChannelsTable {
  agency_id: string;
  /** Names of the environment variables holding the channel secret and the channel access token. */
  secret_env: string;
  token_env: string;
  api_base_url: string;
  data_api_base_url: string;
  /** A draft left this long without a word is submitted by itself (the user was told so). */
  quiet_minutes: number;
  enabled: number;
  updated_at: string;
}

/** RG-4: a webhook body exactly as received. */
export interface LineDeliveriesTable {
  id: string;
  agency_id: string;
  received_at: string;
  /** `utf8`: the bytes as text; `base64`: bytes that are not text (invalid UTF-8 or a NUL), kept exactly. */
  body_encoding: "utf8" | "base64";
  body: string;
  /** Why a signed body could not be read as a webhook (not JSON, no `events` array); its events are none. */
  invalid_reason: string | null;
}

export interface LineEventsTable {
  id: string;
  agency_id: string;
  webhook_event_id: string;
  delivery_id: string;
  type: string;
  source_type: string | null;
  user_id: string | null;
  /**
   * #18 line: the chat the event came from (the user of a one-to-one chat, else the group or room); a
   * chat's events are handled one at a time in `event_at` order. Null: no source, handled in any order.
   */
  chat_id: string | null;
  /** The event's own timestamp: for the submit action, the receipt time (CH-3). */
  event_at: string;
  payload: string;
  /**
   * `processing` while leased to a worker until `lease_until`; an expired lease is taken up again.
   * `pending` with a `lease_until`: a failed attempt to be retried, not before that time.
   * `invalid`: the event failed the webhook schema (`invalid_reason` says why) and is never handled; its
   * `webhook_event_id` is then `invalid:<delivery id>:<index>` and `event_at` the time it was received.
   */
  status: "pending" | "processing" | "done" | "failed" | "invalid";
  invalid_reason: string | null;
  attempts: number;
  lease_until: string | null;
  last_error: string | null;
  processed_at: string | null;
}

export interface LineDraftsTable {
  id: string;
  agency_id: string;
  user_id: string;
  /** open → awaiting_name (Submit tapped, name asked) → submitted. */
  status: "open" | "awaiting_name" | "submitted";
  full_name: string | null;
  submitted_at: string | null;
  entry_id: string | null;
  /** A follow-up joins this matter (the user quoted the receipt number of their own entry). */
  matter_id: string | null;
  /** The event (the name message) whose handling registered the draft. */
  name_event_id: string | null;
  opened_at: string;
  last_activity_at: string;
  /**
   * #18 line-ack (CH-4): set, committed, before the acknowledgement goes out; cleared when LINE refused it
   * or never answered. Started but not recorded means a process died after LINE may have taken it:
   * `ack_uncertain_at` then says when that was found; never sent again by itself.
   */
  ack_started_at: string | null;
  ack_uncertain_at: string | null;
}

export interface LineDraftItemsTable {
  id: string;
  draft_id: string;
  event_id: string;
  kind: "text" | "file";
  text: string | null;
  line_message_id: string | null;
  filename: string | null;
  media_type: string | null;
  size: number | null;
  sha256: string | null;
  storage_key: string | null;
  refusal_code: string | null;
  created_at: string;
}

/** A group or chat room already told that requests are taken only in a one-to-one chat (once, #9). */
export interface LineGroupRefusalsTable {
  agency_id: string;
  chat_id: string;
  refused_at: string;
}

export type LineChannelRow = Selectable<LineChannelsTable>;
export type LineEventRow = Selectable<LineEventsTable>;
export type LineDraftRow = Selectable<LineDraftsTable>;
export type LineDraftItemRow = Selectable<LineDraftItemsTable>;

/** An officer's answer on LINE from a matter (item 5 of #5). */
export interface LineRepliesTable {
  id: string;
  agency_id: string;
  entry_id: string;
  staff_id: string;
  line_user_id: string;
  text: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}
