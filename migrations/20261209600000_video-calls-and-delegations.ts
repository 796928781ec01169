import type { Kysely } from "kysely";

/*
 * #13 video-juristic (ID-3, PD-7, FM-5): identity checked by a video call in the agency's own tool (the
 * link template is an agency setting), and the delegations by which a person acts for a company, verified
 * once by an officer and reused while valid. Personal data is sealed; `*_hmac` columns are keyed hashes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // ID-3: the agency's video tool, e.g. https://meet.example.go.th/borikan-{appointment}; null: none.
  await db.schema.alterTable("agencies").addColumn("video_call_url", "text").execute();

  await db.schema
    .createTable("video_appointments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    /** The proof the outcome wrote (proven or refused); null until the call is decided. */
    .addColumn("proof_id", "text", (c) => c.references("identity_proofs.id"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("duration_min", "integer", (c) => c.notNull())
    /** The call's link, made from the agency's template when booked. */
    .addColumn("link", "text", (c) => c.notNull())
    /** booked, held, missed, cancelled */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("booked_by", "text", (c) => c.notNull())
    .addColumn("booked_at", "text", (c) => c.notNull())
    /** proven, refused (a held call); null otherwise. */
    .addColumn("outcome", "text")
    /** PD-7: the captured still (biometric), a file store key; purged on its own retention class. */
    .addColumn("still_key", "text")
    /** PD-7: when the applicant explicitly consented to biometric capture, before the link was shown. */
    .addColumn("consent_at", "text")
    /** Sealed: the officer's note. */
    .addColumn("note", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("video_appointments_matter")
    .on("video_appointments")
    .columns(["matter_id", "starts_at"])
    .execute();

  await db.schema
    .createTable("delegations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    /** FM-5: the company (13-digit juristic ID) and the person acting for it, by keyed hash. */
    .addColumn("juristic_id_hmac", "text", (c) => c.notNull())
    .addColumn("acting_id_hmac", "text", (c) => c.notNull())
    /** Sealed. */
    .addColumn("acting_name", "text")
    .addColumn("juristic_name", "text")
    /** The application's delegation document (an attachment of its entry). */
    .addColumn("document_attachment_id", "text")
    /** FM-5: the delegation bears stamp duty, paid by e-Stamp. */
    .addColumn("e_stamp_reference", "text")
    /** pending, verified, refused */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("valid_until", "text")
    .addColumn("verified_by", "text")
    .addColumn("verified_at", "text")
    /** Sealed: the officer's note. */
    .addColumn("note", "text")
    /** The matter on which it was checked. */
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("delegations_pair")
    .on("delegations")
    .columns(["agency_id", "juristic_id_hmac", "acting_id_hmac", "status"])
    .execute();
  await db.schema.createIndex("delegations_matter").on("delegations").column("matter_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("delegations").execute();
  await db.schema.dropTable("video_appointments").execute();
  await db.schema.alterTable("agencies").dropColumn("video_call_url").execute();
}
