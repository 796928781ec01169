import type { Kysely } from "kysely";

/*
 * #11, WS-2: the pages every public page links to from its footer — contact, terms of use, privacy
 * policy, privacy notice, security policy — as each agency's admin wrote them. One row per agency and
 * page (`slug`), Thai and English; no row means the default text shipped with Borikan. Each save is
 * audited (`site.page-saved`), so the text in force on a date can be traced.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("site_pages")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("title_th", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("body_th", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("site_pages_pk", ["agency_id", "slug"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("site_pages").execute();
}
