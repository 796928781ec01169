import { type Kysely, sql } from "kysely";

/*
 * #12 review (RV-1, RV-4, LF-2).
 *
 * `review_checks`: what an officer found checking an application against its service version's manual.
 * Every check is a new row, never an update: the latest row of an item (kind, checklist document, file)
 * is the current finding, the older ones its history. `item_kind`: document | delegation (a checklist
 * document's own finding), e-stamp (a delegation's e-Stamp duty reference, verified), issuer-verification
 * (a document issued by another agency, verified by the issuer's method: code or link), signature (the
 * PDF signature verifier's report on one submitted file, `attachment_id`). `outcome`: ok | missing |
 * defective | not-applicable. `verification` is JSON: the method, reference and result of a verification,
 * or the verifier's report with the signer's certificate. `matter_action_id` is the `record-check` action
 * written in the same transaction (the timeline's line) and `matter_version` the matter's version it
 * made: checks are ordered by it, so two in one millisecond keep their order.
 *
 * `signature_trust_roots`: the CA certificates an agency trusts for signatures in submitted PDFs (the
 * verifier's NSS database is built from the ones not removed). Removal is dated, never a delete, so a
 * past check still names the root it was made against.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("review_checks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("item_kind", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("attachment_id", "text", (c) => c.references("attachments.id"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("verification", "text")
    .addColumn("matter_action_id", "text", (c) => c.notNull().references("matter_actions.id"))
    .addColumn("matter_version", "integer", (c) => c.notNull())
    .addColumn("checked_by", "text", (c) => c.notNull())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_checks_matter")
    .on("review_checks")
    .columns(["matter_id", "matter_version"])
    .execute();

  await db.schema
    .createTable("signature_trust_roots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("pem", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("valid_to", "text", (c) => c.notNull())
    .addColumn("added_by", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .addColumn("removed_by", "text")
    .addColumn("removed_at", "text")
    .execute();
  // A root is in force once per agency; a removed one may be added again.
  await db.schema
    .createIndex("signature_trust_roots_in_force")
    .on("signature_trust_roots")
    .columns(["agency_id", "sha256"])
    .unique()
    .where(sql.ref("removed_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("signature_trust_roots").execute();
  await db.schema.dropTable("review_checks").execute();
}
