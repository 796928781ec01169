import type { Kysely } from "kysely";

const ENTRY_COLUMNS = [
  // CH-4: the Message-ID and References of the mail, so the acknowledgement answers in its thread.
  "source_message_id",
  "source_references",
  // CH-3: the time the sender wrote in the message (its Date header): a claim, never the receipt time.
  "sender_claimed_at",
  // CH-9: the officer whose own mailbox received the mail and who forwarded it to the central one.
  "forwarded_by",
  // CH-8: marked outside the agency's authority, by whom, and the agency named in the reply.
  "misdirected_at",
  "misdirected_by",
  "referred_agency_id",
  "misdirected_note",
];

/* Mail intake (#4): the agency's mailbox, every message seen in it, and the agencies a reply may refer to. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The agency's existing central mailbox. Secrets are not kept here: `secret_env` names the environment
  // variable holding the password (or, for XOAUTH2, the refresh token), so backups never carry them.
  await db.schema
    .createTable("mailboxes")
    .addColumn("agency_id", "text", (c) => c.primaryKey().references("agencies.id"))
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("port", "integer", (c) => c.notNull())
    .addColumn("tls", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("auth", "text", (c) => c.notNull().defaultTo("password"))
    .addColumn("secret_env", "text", (c) => c.notNull())
    .addColumn("oauth_token_url", "text")
    .addColumn("oauth_client_id", "text")
    .addColumn("oauth_client_secret_env", "text")
    .addColumn("extra_folders", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("processed_folder", "text", (c) => c.notNull().defaultTo("Borikan-Processed"))
    .addColumn("retention_days", "integer", (c) => c.notNull().defaultTo(90))
    .addColumn("poll_seconds", "integer", (c) => c.notNull().defaultTo(60))
    .addColumn("trusted_authserv_id", "text")
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    // CH-12: the mailbox's health as the last connection saw it.
    .addColumn("last_ok_at", "text")
    .addColumn("failing_since", "text")
    .addColumn("last_error", "text")
    .addColumn("quota_used", "integer")
    .addColumn("quota_limit", "integer")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Every message Borikan took from the mailbox, whatever became of it. `dedupe_key` makes a message one
  // row however often it is seen (a crash before the IMAP move, a copy in two folders, a new UIDVALIDITY):
  // its Message-ID with its sender, since another sender's reuse of a Message-ID is another message; the
  // raw bytes' digest when there is no Message-ID. The raw message is the record (RG-4).
  await db.schema
    .createTable("mail_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("message_id", "text")
    .addColumn("from_address", "text")
    .addColumn("subject", "text")
    .addColumn("folder", "text", (c) => c.notNull())
    .addColumn("uid_validity", "text", (c) => c.notNull())
    .addColumn("uid", "integer", (c) => c.notNull())
    .addColumn("internal_date", "text", (c) => c.notNull())
    .addColumn("raw_key", "text")
    .addColumn("raw_sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("entry_id", "text", (c) => c.references("entries.id"))
    .addColumn("related_entry_id", "text")
    .addColumn("moved_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mail_messages_dedupe_unique", ["agency_id", "dedupe_key"])
    .execute();
  await db.schema
    .createIndex("mail_messages_location")
    .on("mail_messages")
    .columns(["agency_id", "folder", "uid_validity", "uid"])
    .execute();
  await db.schema
    .createIndex("mail_messages_outcome")
    .on("mail_messages")
    .columns(["agency_id", "outcome", "internal_date"])
    .execute();

  // CH-8: agencies a misdirected request may be referred to, kept by the agency's admin.
  await db.schema
    .createTable("referral_agencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  for (const column of ENTRY_COLUMNS)
    await db.schema.alterTable("entries").addColumn(column, "text").execute();
  await db.schema
    .alterTable("entries")
    .addColumn("received_at_claimed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // The outbox learns what a crash leaves unknown: `send_started_at` is set just before a message is handed
  // to the mail server, so a send cut off after that point is `uncertain`, never silently repeated (CH-4).
  // `bounced_at`/`bounce_reason` record a delivery report of the message (CH-12).
  for (const column of ["send_started_at", "bounced_at", "bounce_reason"]) {
    await db.schema.alterTable("outbox").addColumn(column, "text").execute();
  }
  // CH-4: at most a few acknowledgements to one address in an hour.
  await db.schema
    .createIndex("outbox_recipient_recent")
    .on("outbox")
    .columns(["agency_id", "recipient", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("outbox_recipient_recent").execute();
  for (const column of ["send_started_at", "bounced_at", "bounce_reason"]) {
    await db.schema.alterTable("outbox").dropColumn(column).execute();
  }
  for (const column of [...ENTRY_COLUMNS, "received_at_claimed"]) {
    await db.schema.alterTable("entries").dropColumn(column).execute();
  }
  await db.schema.dropTable("referral_agencies").execute();
  await db.schema.dropTable("mail_messages").execute();
  await db.schema.dropTable("mailboxes").execute();
}
