import type { Generated, Selectable } from "kysely";

export interface ReceiptCountersTable {
  agency_id: string;
  be_year: number;
  last_number: number;
}

export interface MattersTable {
  id: string;
  agency_id: string;
  receipt_number: string;
  subject: string;
  status: string;
  created_at: string;
  updated_at: string;
  /** #12: "general" (a question, a complaint: the short path) or "application" (the full one). */
  kind: Generated<string>;
  /** #12: grows by one with every action; a form drawn at an older version is refused (stale). */
  version: Generated<number>;
  /** RG-5: the unit whose officers work the matter; null while the saraban has not routed it. */
  unit_id: Generated<string | null>;
  /** The officer who claimed it or was assigned it. */
  assigned_to: Generated<string | null>;
  assigned_at: Generated<string | null>;
  /** LF-1, RV-6: the clock's start, the first entry's working start (first come, first served: RV-1). */
  clock_start: Generated<string | null>;
  /** LF-1: JSON `{ amount, dayKind }` from the service version's manual; null for a general request. */
  time_limit: Generated<string | null>;
  /** LF-1: when the manual's time runs out, pauses counted; null without a time limit. */
  due_at: Generated<string | null>;
  /** Since when the clock stands still (the applicant is awaited); null while it runs. */
  paused_at: Generated<string | null>;
  /** AP-1, LF-5: when the decision was made. */
  decided_at: Generated<string | null>;
  /** When it reached an end status. */
  ended_at: Generated<string | null>;
}

/** #12: one row per action on a matter (the timeline), written with its status and its audit row. */
export interface MatterActionsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  /** The matter's version this action made. */
  version: number;
  action: string;
  from_status: string;
  to_status: string;
  /** `staff:<id>`, `applicant`, or the system part's name. */
  actor: string;
  at: string;
  /** JSON: the action's facts, referring to personal data by id only. */
  payload: string;
  /** "public": the applicant sees it on the tracking page; "officers": internal (comments, memos). */
  visibility: "public" | "officers";
}

/** #12: while the applicant is awaited the clock stands still; each stillness is a row. */
export interface MatterPausesTable {
  id: string;
  matter_id: string;
  /** The status that paused it. */
  status: string;
  started_at: string;
  ended_at: string | null;
}

export interface EntriesTable {
  id: string;
  agency_id: string;
  matter_id: string;
  be_year: number;
  sequence: number;
  receipt_number: string;
  received_at: string;
  working_start: string;
  acknowledge_by: string;
  acknowledged_at: string | null;
  /**
   * How the acknowledgement went out: "email", "web-page", "line-reply", "line-push", "paper-stamp", or a
   * way an officer recorded (CH-4): "phone", "paper", "in-person".
   */
  acknowledged_via: string | null;
  /** CH-4: the officer who recorded an acknowledgement given another way, and their note. */
  acknowledged_by: string | null;
  acknowledgement_note: string | null;
  channel: string;
  sender_name: string;
  sender_email: string | null;
  sender_phone: string | null;
  reply_to: string | null;
  addressee: string | null;
  subject: string;
  body: string;
  letter_reference: string | null;
  letter_date: string | null;
  unit_id: string | null;
  status: string;
  language: string;
  signature: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  /** RG-6: who turned a paper item into an electronic one, and with what. */
  scanned_by: string | null;
  scan_device: string | null;
  /** CH-4: the mail's Message-ID and References, so the acknowledgement answers in its thread. */
  source_message_id: string | null;
  source_references: string | null;
  /** CH-3: the time the sender wrote (a mail's Date header): a claim, never the receipt time. */
  sender_claimed_at: string | null;
  /** CH-9: 1 when received_at itself comes from a claim (a forwarded mail's time without a zone). */
  received_at_claimed: Generated<number>;
  /** CH-9: the officer who forwarded the mail from their own mailbox. */
  forwarded_by: string | null;
  /** CH-8: marked outside the agency's authority; the agency named in the reply, if any. */
  misdirected_at: string | null;
  misdirected_by: string | null;
  referred_agency_id: string | null;
  misdirected_note: string | null;
  /** CH-10: the LINE user an entry came from (answers go to them by push). */
  line_user_id: string | null;
  /** #10, CH-4: why no acknowledgement was queued, for the officer to look at; null when none waits. */
  ack_withheld: string | null;
  /** #10: the sender's header as received when it named no address Borikan may answer. */
  sender_raw: string | null;
  /** #13 (ID-7): keyed hashes of the sealed sender email and phone (`emailLookupKey`, `phoneLookupKey`). */
  sender_email_hmac: Generated<string | null>;
  sender_phone_hmac: Generated<string | null>;
}

/** CH-5: the morning and afternoon checks of the incoming items. */
export interface RegisterChecksTable {
  agency_id: string;
  check_date: string;
  period: "morning" | "afternoon";
  checked_by: string;
  checked_at: string;
}

export interface AttachmentsTable {
  id: string;
  agency_id: string;
  entry_id: string;
  position: number;
  filename: string;
  media_type: string | null;
  size: number;
  sha256: string | null;
  storage_key: string | null;
  viewable_key: string | null;
  refusal_code: string | null;
  created_at: string;
}

export type EntryRow = Selectable<EntriesTable>;
export type MatterRow = Selectable<MattersTable>;
export type MatterActionRow = Selectable<MatterActionsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
