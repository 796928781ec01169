import type { Kysely } from "kysely";

/*
 * #16 opendata (PR-4, OD-1): an agency's open-data settings, its licence for open government data and
 * the CKAN catalogue (data.go.th or its own GD Catalog) its licence register is pushed to, and each push's
 * outcome, so the settings page says what happened rather than what was meant to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("open_data_settings")
    .addColumn("agency_id", "text", (c) => c.primaryKey().references("agencies.id"))
    .addColumn("license_id", "text", (c) => c.notNull())
    .addColumn("license_title", "text", (c) => c.notNull())
    .addColumn("license_url", "text", (c) => c.notNull())
    .addColumn("ckan_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ckan_url", "text")
    .addColumn("ckan_owner_org", "text")
    .addColumn("ckan_dataset", "text")
    // Sealed at rest (the sealing plugin); never shown back in full.
    .addColumn("ckan_token", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("open_data_pushes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // The agency's pushes in order (times may tie); the last is what the settings page reports.
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("ckan_url", "text", (c) => c.notNull())
    .addColumn("dataset", "text", (c) => c.notNull())
    .addColumn("package_id", "text")
    // created | updated: what happened to the dataset; null when the push failed before it.
    .addColumn("dataset_action", "text")
    .addColumn("resources", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("open_data_pushes_seq")
    .unique()
    .on("open_data_pushes")
    .columns(["agency_id", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("open_data_pushes").execute();
  await db.schema.dropTable("open_data_settings").execute();
}
