import type { Kysely } from "kysely";

/*
 * #11, IF-2: finding a service in Thai. Thai has no spaces between words, so a service is indexed as
 * the words `Intl.Segmenter` finds in its name, summary, category, conditions and documents plus its
 * own keywords: one row per service and word, `weight` the highest of the fields it came from (name 10 …
 * conditions 2) and `source` that field. A query's words (with synonyms) are looked up here and each
 * service scored by the weights it matched, the same SQL on SQLite and PostgreSQL; the lookup index
 * covers every column the scoring reads. `service_search_names` holds each indexed service's Thai name,
 * so that ties are ordered by it without reading the versions' JSON (kept apart: a name repeated on
 * every word row made each match a random read). Rows are replaced whenever a version is published;
 * a retired service's rows stay, filtered out by its state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("service_search_terms")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("service_id", "text", (c) => c.notNull().references("services.id"))
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("service_search_terms_pk", ["service_id", "term"])
    .execute();
  await db.schema
    .createIndex("service_search_terms_lookup")
    .on("service_search_terms")
    .columns(["agency_id", "term", "service_id", "weight"])
    .execute();
  await db.schema
    .createTable("service_search_names")
    .addColumn("service_id", "text", (c) => c.primaryKey().references("services.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("service_search_names").execute();
  await db.schema.dropTable("service_search_terms").execute();
}
