import type { Kysely } from "kysely";

/*
 * #13 proofing (ID-2, ID-6): one-time codes that prove an applicant holds a phone number, for the evidence
 * path (a photo holding the ID card and a verified phone). One row per code sent: only the code's sha256 is
 * kept, it lives 10 minutes and allows 5 attempts (counted atomically); the phone is kept sealed, found by
 * its keyed hash. Bound to the matter whose identity page sent it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("phone_proof_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    /** Sealed; `phone_hmac` is `phoneLookupKey` of it. */
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("phone_hmac", "text", (c) => c.notNull())
    .addColumn("code_sha256", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("verified_at", "text")
    /** Set when an evidence proof used the verification (a code proves one submission). */
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("phone_proof_codes_matter")
    .on("phone_proof_codes")
    .columns(["matter_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("phone_proof_codes").execute();
}
