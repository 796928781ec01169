import type { Kysely } from "kysely";

/*
 * #15 licensing (LC-1..4, PR-1): licences, their gapless numbers and their lifecycle; the agency's own
 * public origin, which every licence's QR and verification link name (LC-3).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // LC-3: e.g. https://eservice.example.go.th — one of the agency's own hostnames; null: no licence yet.
  await db.schema.alterTable("agencies").addColumn("licence_origin", "text").execute();
  // LC-1: the agency's emblem (PNG or JPEG in the file store) printed on its licences; null: none.
  await db.schema.alterTable("agencies").addColumn("emblem_key", "text").execute();

  /*
   * One row per edition of a licence: an amendment keeps the number and adds an edition (the previous
   * one superseded, pointing here); a renewal is a new number. Everything printed on it is in `fields`
   * (PR-1), the PDF in the file store by its key. Issued, numbered and stored in one transaction.
   */
  await db.schema
    .createTable("licences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // Null for a licence back-filled from before Borikan (PR-3).
    .addColumn("matter_id", "text", (c) => c.references("matters.id"))
    // The unit its matter was with when issued: officers bound to units see their units' licences.
    .addColumn("unit_id", "text")
    .addColumn("service_code", "text", (c) => c.notNull())
    .addColumn("service_version_id", "text")
    // The counter's series (the service code) or a back-fill's own series.
    .addColumn("series", "text", (c) => c.notNull())
    .addColumn("be_year", "integer", (c) => c.notNull())
    .addColumn("sequence", "integer")
    .addColumn("number_text", "text", (c) => c.notNull())
    .addColumn("edition", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title_th", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("holder_name", "text", (c) => c.notNull())
    // JSON [{key, label: {th, en}, value}] in the order printed.
    .addColumn("fields", "text", (c) => c.notNull())
    // JSON [{th, en}].
    .addColumn("conditions", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_until", "text")
    .addColumn("signer_name", "text", (c) => c.notNull())
    .addColumn("signer_position", "text", (c) => c.notNull())
    // LC-3: random, stored with the licence (never derived from a key: printed QRs outlive rotations).
    .addColumn("verification_code", "text", (c) => c.notNull())
    .addColumn("pdf_key", "text", (c) => c.notNull())
    .addColumn("pdf_sha256", "text", (c) => c.notNull())
    // signed (Borikan signed it), paper-scan (signed on paper, scanned: RG-6), backfill (PR-3).
    .addColumn("origin", "text", (c) => c.notNull())
    // RG-6: a paper licence's signed scan: who scanned it, with what, pages before and after; null until then.
    .addColumn("scanned_at", "text")
    .addColumn("scanned_by", "text")
    .addColumn("scan_facts", "text")
    // s.13, PR-1: shown in the public register.
    .addColumn("displayed", "integer", (c) => c.notNull())
    // DL-3: delivered protected.
    .addColumn("confidential", "integer", (c) => c.notNull())
    .addColumn("previous_id", "text", (c) => c.references("licences.id"))
    .addColumn("superseded_by", "text", (c) => c.references("licences.id"))
    .addColumn("status_reason", "text")
    .addColumn("status_changed_at", "text")
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // A number names one licence of the agency; its editions are told apart by `edition`.
  await db.schema
    .createIndex("licences_number")
    .on("licences")
    .columns(["agency_id", "number_text", "edition"])
    .unique()
    .execute();
  // A matter's application gets one licence (each amendment another edition of it).
  await db.schema
    .createIndex("licences_matter")
    .on("licences")
    .columns(["matter_id", "edition"])
    .unique()
    .execute();
  await db.schema.createIndex("licences_code").on("licences").column("verification_code").unique().execute();
  await db.schema
    .createIndex("licences_status")
    .on("licences")
    .columns(["agency_id", "status", "valid_until"])
    .execute();

  // Gapless per agency, series (service) and Buddhist-era year of issue, taken in the issuing transaction.
  await db.schema
    .createTable("licence_counters")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("series", "text", (c) => c.notNull())
    .addColumn("be_year", "integer", (c) => c.notNull())
    .addColumn("last_sequence", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("licence_counters_pk", ["agency_id", "series", "be_year"])
    .execute();

  // The lifecycle as it happened: each action with its reason and who took it (the audit row beside it).
  await db.schema
    .createTable("licence_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("licence_id", "text", (c) => c.notNull().references("licences.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    // JSON of what else the action recorded (the new edition, the scan's facts).
    .addColumn("data", "text")
    .execute();
  await db.schema
    .createIndex("licence_events_licence")
    .on("licence_events")
    .columns(["licence_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("licence_events").execute();
  await db.schema.dropTable("licence_counters").execute();
  await db.schema.dropTable("licences").execute();
  await db.schema.alterTable("agencies").dropColumn("emblem_key").execute();
  await db.schema.alterTable("agencies").dropColumn("licence_origin").execute();
}
