import type { Kysely } from "kysely";

/*
 * #13 identity (ID-1..6, WS-3): citizen accounts and their sessions, each sign-in with its provider and
 * the assurance it asserts, identity proofs (by ThaiD, checked evidence, video call, certificate), and
 * per matter the assurance its applicant reached and how. Personal data is sealed (`*_hmac` columns are
 * keyed hashes for lookups); audit rows name these by id only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("citizen_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("display_name", "text")
    .addColumn("email", "text")
    .addColumn("email_hmac", "text")
    .addColumn("phone", "text")
    .addColumn("phone_hmac", "text")
    .addColumn("national_id", "text")
    .addColumn("national_id_hmac", "text")
    .addColumn("line_user_id", "text")
    .addColumn("line_linked_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .execute();
  for (const column of ["email_hmac", "phone_hmac", "national_id_hmac", "line_user_id"])
    await db.schema
      .createIndex(`citizen_accounts_${column}`)
      .on("citizen_accounts")
      .columns(["agency_id", column])
      .unique()
      .execute();
  await db.schema
    .createTable("sign_ins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("citizen_accounts.id"))
    /** email-code, sms-code, thaid */
    .addColumn("provider", "text", (c) => c.notNull())
    /** The identity assurance the provider asserts (ThaiD's `ial` claim as sent; IAL1 for a code). */
    .addColumn("ial", "text")
    .addColumn("aal", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_ins_account").on("sign_ins").columns(["account_id", "at"]).execute();
  await db.schema
    .createTable("citizen_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("citizen_accounts.id"))
    .addColumn("sign_in_id", "text", (c) => c.notNull().references("sign_ins.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("citizen_sessions_account")
    .on("citizen_sessions")
    .column("account_id")
    .execute();
  await db.schema
    .createTable("identity_proofs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("account_id", "text", (c) => c.references("citizen_accounts.id"))
    .addColumn("national_id_hmac", "text")
    /** thaid, evidence, video, certificate */
    .addColumn("method", "text", (c) => c.notNull())
    /** What the proof reaches: IAL1, IAL2, IAL3. */
    .addColumn("assurance", "text", (c) => c.notNull())
    /** pending (awaits an officer), proven, refused, withdrawn */
    .addColumn("status", "text", (c) => c.notNull())
    /** JSON (sealed): the evidence by reference (file keys, the provider's ial, a certificate's subject). */
    .addColumn("evidence", "text", (c) => c.notNull())
    /** JSON (sealed): the officer's checklist and note (ID-6). */
    .addColumn("checklist", "text")
    .addColumn("matter_id", "text", (c) => c.references("matters.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("expires_at", "text")
    .execute();
  await db.schema
    .createIndex("identity_proofs_person")
    .on("identity_proofs")
    .columns(["agency_id", "national_id_hmac", "status"])
    .execute();
  await db.schema
    .createIndex("identity_proofs_account")
    .on("identity_proofs")
    .columns(["account_id", "status"])
    .execute();
  await db.schema
    .createIndex("identity_proofs_pending")
    .on("identity_proofs")
    .columns(["agency_id", "status", "created_at"])
    .execute();
  await db.schema
    .createTable("matter_assurance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("proof_id", "text", (c) => c.notNull().references("identity_proofs.id"))
    .addColumn("assurance", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    /** `staff:<id>`, `applicant`, `system` (a proof reused, a ThaiD sign-in). */
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("matter_assurance_matter")
    .on("matter_assurance")
    .columns(["matter_id", "proof_id"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["matter_assurance", "identity_proofs", "citizen_sessions", "sign_ins", "citizen_accounts"])
    await db.schema.dropTable(t).execute();
}
