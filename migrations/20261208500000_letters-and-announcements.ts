import type { Kysely } from "kysely";

/*
 * #12 correspondence.
 * `outgoing_letters.form_key`: the one-time key of the officer's compose form, unique per agency, so a
 * double click numbers one letter, not two (ES-1: the register has no stray numbers).
 * `announcements`: the agency's s.10 announcement of its electronic channels (CH-1, Licensing
 * Facilitation Act / Electronic Transactions by Government Agencies Act s.10) and its s.16 command naming
 * its internal electronic systems (CH-13). One of each kind is in force: a new one sets `superseded_at`
 * on the one before. `number` is the command's number in its Buddhist year (ที่ n/พ.ศ.), null for an
 * announcement; `text` is the whole text as issued (kept, never re-rendered from later settings).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outgoing_letters").addColumn("form_key", "text").execute();
  await db.schema
    .createIndex("outgoing_letters_form_key")
    .on("outgoing_letters")
    .columns(["agency_id", "form_key"])
    .unique()
    .execute();
  await db.schema
    .createTable("announcements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("be_year", "integer", (c) => c.notNull())
    .addColumn("number", "integer")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("signer_name", "text", (c) => c.notNull())
    .addColumn("signer_position", "text", (c) => c.notNull())
    .addColumn("effective_from", "text", (c) => c.notNull())
    .addColumn("superseded_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("announcements_number_unique", ["agency_id", "kind", "be_year", "number"])
    .execute();
  await db.schema
    .createIndex("announcements_in_force")
    .on("announcements")
    .columns(["agency_id", "kind", "superseded_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("announcements").execute();
  await db.schema.dropIndex("outgoing_letters_form_key").execute();
  await db.schema.alterTable("outgoing_letters").dropColumn("form_key").execute();
}
