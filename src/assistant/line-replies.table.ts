import type { Selectable } from "kysely";

/** #17 assistline: what the assistant told a LINE user about a question in their open draft (IF-4). */
export interface AssistantRepliesTable {
  id: string;
  agency_id: string;
  draft_id: string;
  /** The question's webhook event (unique: an event handled again is not answered twice). */
  event_id: string;
  kind: "answer" | "unknown";
  /** The message as sent. */
  said: string;
  /** JSON: the sources linked, `{ kind, id, title, url }[]` with absolute URLs. */
  sources: string;
  created_at: string;
  /** How LINE took it; null with `last_error` when LINE did not accept it (not sent). */
  via: "line-reply" | "line-push" | null;
  sent_at: string | null;
  last_error: string | null;
}

/** One row per draft: when the assistant last replied in it and how often (the pace, one per N seconds). */
export interface AssistantLinePaceTable {
  draft_id: string;
  last_reply_at: string;
  replies: number;
}

export type AssistantReplyRow = Selectable<AssistantRepliesTable>;
