import type { Kysely } from "kysely";

/*
 * #15 register (PR-1, PR-2, LC-3): the public register of licences. Its Thai search reads a table of
 * words, cut the way the catalogue cuts them (Intl.Segmenter: Thai has no spaces, so a LIKE over the
 * text could not tell a word from a piece of one, and a leading-wildcard LIKE scans every row). Its
 * pages go newest first by keyset over (issued_at, id), per agency and per service, from an index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One word printed on a licence edition (title, number, holder, printed fields); written with the edition.
  await db.schema
    .createTable("licence_search_terms")
    .addColumn("agency_id", "text", (c) => c.notNull())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("licence_id", "text", (c) => c.notNull().references("licences.id"))
    .addPrimaryKeyConstraint("licence_search_terms_pk", ["agency_id", "term", "licence_id"])
    .execute();
  // A licence's words, to replace them and to find editions not indexed yet.
  await db.schema
    .createIndex("licence_search_terms_licence")
    .on("licence_search_terms")
    .column("licence_id")
    .execute();
  await db.schema
    .createIndex("licences_register")
    .on("licences")
    .columns(["agency_id", "issued_at", "id"])
    .execute();
  await db.schema
    .createIndex("licences_register_service")
    .on("licences")
    .columns(["agency_id", "service_code", "issued_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("licences_register_service").execute();
  await db.schema.dropIndex("licences_register").execute();
  await db.schema.dropTable("licence_search_terms").execute();
}
