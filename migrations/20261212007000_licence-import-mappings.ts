import type { Kysely } from "kysely";

/*
 * #16 backfill (PR-3): the agency's saved column mappings for importing its earlier licence register
 * (which sheet column is the number, the holder, the dates …), by name; and the files uploaded to the
 * import page, kept between "check" and "import" so the officer does not upload them twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("licence_import_mappings")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    // JSON: a BackfillMapping (src/licensing/backfill-mapping.ts).
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("saved_by", "text", (c) => c.notNull())
    .addColumn("saved_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("licence_import_mappings_pk", ["agency_id", "name"])
    .execute();
  await db.schema
    .createTable("licence_import_uploads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("licence_import_uploads").execute();
  await db.schema.dropTable("licence_import_mappings").execute();
}
