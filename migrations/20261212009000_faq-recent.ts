import type { Kysely } from "kysely";

/*
 * #16 faq: the FAQ's newest entries of an agency, for a search by common words (the newest entries are
 * walked until a page is full) and for the list without a service.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("faq_entries_recent")
    .on("faq_entries")
    .columns(["agency_id", "status", "published_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("faq_entries_recent").execute();
}
