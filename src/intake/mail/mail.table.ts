import type { Generated, Selectable } from "kysely";

/** The agency's existing central mailbox (one per agency) and its health (CH-12). */
export interface MailboxesTable {
  agency_id: string;
  host: string;
  port: number;
  tls: number;
  username: string;
  auth: "password" | "xoauth2";
  /** Name of the environment variable with the password, or the OAuth2 refresh token for XOAUTH2. */
  secret_env: string;
  oauth_token_url: string | null;
  oauth_client_id: string | null;
  oauth_client_secret_env: string | null;
  /** JSON array of further folders to look through (CH-7). */
  extra_folders: string;
  processed_folder: string;
  retention_days: number;
  poll_seconds: number;
  /** CH-6: the authserv-id / host name of the agency's own mail server, whose verdict headers are trusted. */
  trusted_authserv_id: string | null;
  enabled: number;
  last_ok_at: string | null;
  failing_since: string | null;
  last_error: string | null;
  quota_used: number | null;
  quota_limit: number | null;
  updated_at: string;
  /** #10: `new` until the first pass, `pending` while a full mailbox waits for the admin, then `started`. */
  start_state: Generated<MailboxStartState>;
  /** Mail the server accepted before this is left untouched in the mailbox (the admin's choice). */
  take_since: string | null;
  /** JSON: what each folder held at the first connection (FirstConnectionPreview). */
  first_preview: string | null;
  started_by: string | null;
  started_at: string | null;
}

export type MailboxStartState = "new" | "pending" | "started";

/** What became of a message taken from the mailbox. */
export const MAIL_OUTCOMES = [
  "registered",
  "held",
  "released",
  "deleted",
  "auto-reply",
  "bounce",
  // RG-4: same Message-ID and sender as an earlier mail, other bytes: kept, waiting for an officer …
  "possible-duplicate",
  // … who registered it ("registered") or dismissed it: kept as received, not registered.
  "dismissed",
] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

export interface MailMessagesTable {
  id: string;
  agency_id: string;
  dedupe_key: string;
  message_id: string | null;
  from_address: string | null;
  /** The From header as received (RG-4); kept because a From that does not read cleanly is not guessed at. */
  raw_from: string | null;
  subject: string | null;
  folder: string;
  uid_validity: string;
  uid: number;
  /** CH-3: when the agency's mail server accepted it (IMAP INTERNALDATE). */
  internal_date: string;
  /** The raw message in the file store (RG-4); null once a held spam is deleted for good. */
  raw_key: string | null;
  raw_sha256: string;
  size: number;
  outcome: MailOutcome;
  reason: string | null;
  entry_id: string | null;
  /** The entry a bounce or an automatic reply is about. */
  related_entry_id: string | null;
  moved_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  /** RG-4: for a possible duplicate, the earlier row with the same Message-ID and sender. */
  duplicate_of: string | null;
}

/** Each copy Borikan moved to the processed folder: retention deletes only these (see the migration). */
export interface MailMovesTable {
  id: string;
  agency_id: string;
  mail_message_id: string;
  message_id: string | null;
  folder: string;
  uid_validity: string | null;
  uid: number | null;
  moved_at: string;
  deleted_at: string | null;
}

export type MailboxRow = Selectable<MailboxesTable>;
export type MailMessageRow = Selectable<MailMessagesTable>;
