import type { Kysely } from "kysely";

/*
 * #18 shared: what tells every process that data it keeps in memory has changed. One row per scope (a
 * kind of cached data, e.g. `agencies`); whoever changes that data bumps `version` in the same
 * transaction, and each process compares the versions it cached against these rows at most once a
 * second. A few rows, no personal data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cache_versions")
    .addColumn("scope", "text", (c) => c.primaryKey())
    // Only ever grows; a process treats a scope with no row as version 0.
    .addColumn("version", "integer", (c) => c.notNull())
    // ISO instant (UTC) of the last change, for operators.
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("cache_versions").execute();
}
