import type { Kysely } from "kysely";

/*
 * #17 privacy: the breach register (PD-5, PDPA s.37(4)) with its status history and the record of whom
 * was told, and the agency's data protection officer named in the record of processing (PD-2, s.39, s.41).
 * Times are ISO text, as elsewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("privacy_breaches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("aware_at", "text", (c) => c.notNull())
    // Sealed at rest: an account of an incident may name people.
    .addColumn("description", "text", (c) => c.notNull())
    // JSON array of data classes (DATA_CLASSES and the forms' general/personal/sensitive).
    .addColumn("data_classes", "text", (c) => c.notNull())
    .addColumn("people_estimate", "integer", (c) => c.notNull())
    .addColumn("risk", "text", (c) => c.notNull())
    .addColumn("measures", "text", (c) => c.notNull())
    .addColumn("not_notifiable_reason", "text")
    .addColumn("regulator_notified_at", "text")
    .addColumn("subjects_told_at", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("privacy_breaches_agency")
    .on("privacy_breaches")
    .columns(["agency_id", "aware_at", "id"])
    .execute();

  await db.schema
    .createTable("privacy_breach_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("breach_id", "text", (c) => c.notNull().references("privacy_breaches.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("privacy_breach_events_breach")
    .on("privacy_breach_events")
    .columns(["breach_id", "at", "id"])
    .execute();

  // PD-5: whom was told, when and how (the regulator, the data subjects).
  await db.schema
    .createTable("privacy_breach_notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("breach_id", "text", (c) => c.notNull().references("privacy_breaches.id"))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("told_at", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("privacy_breach_notices_breach")
    .on("privacy_breach_notices")
    .columns(["breach_id", "told_at", "id"])
    .execute();

  // PD-2: the person responsible named in the record of processing; one row per agency.
  await db.schema
    .createTable("privacy_officers")
    .addColumn("agency_id", "text", (c) => c.primaryKey().references("agencies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("privacy_officers").execute();
  await db.schema.dropTable("privacy_breach_notices").execute();
  await db.schema.dropTable("privacy_breach_events").execute();
  await db.schema.dropTable("privacy_breaches").execute();
}
