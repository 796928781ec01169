import type { Kysely } from "kysely";

/*
 * #12 approval (AP-1, RG-6): who decides an application of each service, level by level, and every
 * decision taken. `approval_chains` holds one row per service of an agency (`levels`: JSON list of
 * `{ role, unitId, label_th, label_en }`, 1 to 5); no row means one level, an approver of the matter's
 * unit. `approval_decisions` keeps each level's decision with its reasons (a refusal always with reasons
 * and how to fix them), the decision letter it caused, and for the paper path the signed scan of the
 * approval sheet with RG-6's facts (who scanned it, on which device, the sheet's and the scan's pages).
 * `round` counts the submissions for approval: a send-back starts the chain again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("approval_chains")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("service_code", "text", (c) => c.notNull())
    .addColumn("levels", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("approval_chains_pk", ["agency_id", "service_code"])
    .execute();

  await db.schema
    .createTable("approval_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reason_kind", "text")
    .addColumn("reasons", "text")
    .addColumn("remedy", "text")
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("action_id", "text", (c) => c.notNull())
    .addColumn("letter_id", "text", (c) => c.references("outgoing_letters.id"))
    .addColumn("evidence_attachment", "text")
    .addColumn("evidence_sha256", "text")
    .addColumn("evidence_media_type", "text")
    .addColumn("scanned_by", "text")
    .addColumn("scan_device", "text")
    .addColumn("sheet_pages", "integer")
    .addColumn("scan_pages", "integer")
    // A level is decided once per round: a second click or a second officer finds it taken.
    .addUniqueConstraint("approval_decisions_level_unique", ["matter_id", "round", "level"])
    .execute();
  await db.schema
    .createIndex("approval_decisions_matter")
    .on("approval_decisions")
    .columns(["matter_id", "round"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("approval_decisions").execute();
  await db.schema.dropTable("approval_chains").execute();
}
