import type { Kysely } from "kysely";

/*
 * #15 issuance: why the automatic issuance could not issue a matter's licence (no signer, no origin, a
 * missing field): one row per matter, written once and updated only when the reason changes, shown on
 * the matter's licence panel; removed when the licence is issued.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("licence_issue_failures")
    .addColumn("matter_id", "text", (c) => c.primaryKey().references("matters.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // An error code of src/platform/errors.ts (LICENCE_SIGNER_NOT_SET …) and its parameters as JSON.
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("first_at", "text", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("licence_issue_failures").execute();
}
