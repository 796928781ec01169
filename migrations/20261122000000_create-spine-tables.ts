import type { Kysely } from "kysely";

/*
 * The spine (#2). Instants are stored as ISO-8601 UTC text ("2026-11-22T01:30:00.000Z") on both SQLite
 * and PostgreSQL so that the same code reads the same values everywhere and text order is time order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One install serves many agencies; every other row belongs to one. `id` is a short slug used in
  // paths (/a/<id>/); `hostnames` (JSON array) lets an agency be chosen by Host header.
  await db.schema
    .createTable("agencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("hostnames", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("central_email", "text", (c) => c.notNull())
    .addColumn("phones", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Asia/Bangkok"))
    .addColumn("business_hours", "text", (c) => c.notNull())
    .addColumn("holiday_calendar", "text", (c) => c.notNull().defaultTo("TH"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Units (departments) of an agency; entries are assigned to one.
  await db.schema
    .createTable("units")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("units_agency_code_unique", ["agency_id", "code"])
    .execute();

  // Holiday calendars: "TH" is the government list (Cabinet announcements); "agency:<id>" holds an
  // agency's own closures. A year's list is "provisional" until an admin confirms it (warned about).
  await db.schema
    .createTable("holiday_years")
    .addColumn("calendar", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("holiday_years_pk", ["calendar", "year"])
    .execute();
  await db.schema
    .createTable("holidays")
    .addColumn("calendar", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("holidays_pk", ["calendar", "date"])
    .execute();

  // RG-1: receipt numbers run per agency and Buddhist-era year, gapless. The counter row is updated in
  // the same transaction as the entry it numbers, so a rollback returns the number unused.
  await db.schema
    .createTable("receipt_counters")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("be_year", "integer", (c) => c.notNull())
    .addColumn("last_number", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("receipt_counters_pk", ["agency_id", "be_year"])
    .execute();

  // A matter (เรื่อง) groups the entries about one request; known by its first entry's receipt number.
  await db.schema
    .createTable("matters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("receipt_number", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // The incoming register (ทะเบียนหนังสือรับ): one row per incoming item, whatever the channel.
  // received_at: when it entered the system (CH-3); working_start: the register date (CH-3, 001 part 4
  // §5(4)); acknowledge_by: CH-4 deadline. The letter_* columns keep another agency's own reference (RG-7).
  await db.schema
    .createTable("entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("be_year", "integer", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) => c.notNull())
    .addColumn("receipt_number", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("working_start", "text", (c) => c.notNull())
    .addColumn("acknowledge_by", "text", (c) => c.notNull())
    .addColumn("acknowledged_at", "text")
    .addColumn("acknowledged_via", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("sender_name", "text", (c) => c.notNull())
    .addColumn("sender_email", "text")
    .addColumn("sender_phone", "text")
    .addColumn("reply_to", "text")
    .addColumn("addressee", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("letter_reference", "text")
    .addColumn("letter_date", "text")
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("signature", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("request_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("entries_number_unique", ["agency_id", "be_year", "sequence"])
    .addUniqueConstraint("entries_idempotency_unique", ["agency_id", "idempotency_key"])
    .execute();
  await db.schema
    .createIndex("entries_agency_working_start")
    .on("entries")
    .columns(["agency_id", "working_start"])
    .execute();
  await db.schema.createIndex("entries_matter").on("entries").column("matter_id").execute();

  // Files received with an entry (RG-4). Refused files are listed too (no content kept) so that the
  // citizen and the officer both see which file was refused and why.
  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("media_type", "text")
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text")
    .addColumn("storage_key", "text")
    .addColumn("viewable_key", "text")
    .addColumn("refusal_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("attachments_entry").on("attachments").column("entry_id").execute();

  // Outgoing messages written in the same transaction as what caused them; a worker composes and sends
  // them, and keeps what it sent in `payload`. (entry_id, kind) is unique: one acknowledgement (CH-4).
  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("outbox_entry_kind_unique", ["entry_id", "kind"])
    // Deferred: a message is queued before the entry's own insert, so that the statement that takes the
    // receipt number is the transaction's last and the counter is locked as briefly as possible.
    .addForeignKeyConstraint("outbox_entry_fk", ["entry_id"], "entries", ["id"], (fk) =>
      fk.deferrable().initiallyDeferred(),
    )
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();

  // Who did what, when, from where. Hash-chaining comes with the back office (#3).
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_subject")
    .on("audit_events")
    .columns(["subject_type", "subject_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "audit_events",
    "outbox",
    "attachments",
    "entries",
    "matters",
    "receipt_counters",
    "holidays",
    "holiday_years",
    "units",
    "agencies",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
