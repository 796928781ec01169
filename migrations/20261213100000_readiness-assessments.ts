import type { Kysely } from "kysely";

/*
 * #17 readiness (RD-1, RD-2): the agency's dated self-assessments. Each save is a new row, never
 * overwritten (the history); it keeps the answers and what the install provided at that moment, so a
 * past report reads as it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("readiness_assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("assessed_at", "text", (c) => c.notNull())
    .addColumn("assessed_by", "text", (c) => c.notNull())
    // JSON: { itemId: { value, note } } (answers) and { capability: boolean } (live ticks then).
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("live", "text", (c) => c.notNull())
    .addColumn("overall_level", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("readiness_assessments_agency")
    .on("readiness_assessments")
    .columns(["agency_id", "assessed_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("readiness_assessments").execute();
}
