import type { Kysely } from "kysely";

/*
 * #15 delivery (DL-1..4): one row per licence edition delivered on one channel. The sweep writes the first
 * (attempt 1) once the edition is issued; an officer's "send again" writes the next attempt. Where it
 * stands is read from what happened: the outbox's state and bounce records for email, LINE's answer for a
 * push, the download route for a download. The recipient is sealed (ID-7).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("licence_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("licence_id", "text", (c) => c.notNull().references("licences.id"))
    .addColumn("matter_id", "text", (c) => c.notNull())
    .addColumn("entry_id", "text", (c) => c.notNull())
    /** 1: the sweep's own delivery; 2…: an officer's "send again" or "send by another channel". */
    .addColumn("attempt", "integer", (c) => c.notNull())
    /** email | line | download */
    .addColumn("channel", "text", (c) => c.notNull())
    /** DL-1: why this channel: announced | asked | entry | officer */
    .addColumn("chosen_by", "text", (c) => c.notNull())
    /** An email address or a LINE user id (sealed); null for a download. */
    .addColumn("recipient", "text")
    /** queued | sent | bounced | failed | downloaded | not_configured */
    .addColumn("status", "text", (c) => c.notNull())
    /** DL-3: 1 when the file went inside an AES-256 ZIP. */
    .addColumn("protected", "integer", (c) => c.notNull().defaultTo(0))
    /** DL-3: where the ZIP's password went: email (a second message) | sms | line | none; null: not protected. */
    .addColumn("password_channel", "text")
    .addColumn("password_status", "text")
    /** DL-4: 1 when the message carried an expiring signed link instead of the file. */
    .addColumn("linked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("link_expires_at", "text")
    /** The file delivered: the protected ZIP's key in the file store; null: the licence's own PDF. */
    .addColumn("file_key", "text")
    .addColumn("file_name", "text", (c) => c.notNull())
    /** The outbox's subject key of the message (email), to read its state and bounces. */
    .addColumn("outbox_key", "text")
    .addColumn("error", "text")
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("bounced_at", "text")
    .addColumn("downloaded_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("licence_deliveries_attempt", ["licence_id", "attempt"])
    .execute();
  await db.schema
    .createIndex("licence_deliveries_matter")
    .on("licence_deliveries")
    .column("matter_id")
    .execute();
  await db.schema
    .createIndex("licence_deliveries_open")
    .on("licence_deliveries")
    .columns(["status", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("licence_deliveries").execute();
}
