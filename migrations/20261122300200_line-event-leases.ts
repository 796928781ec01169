import type { Kysely } from "kysely";

/*
 * #5: a LINE event being handled is leased (`processing` until `lease_until`), so a crash mid-way hands it
 * back instead of losing it; a draft remembers the event that registered it, so handling that event again
 * only finishes the acknowledgement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("line_events").addColumn("lease_until", "text").execute();
  await db.schema.alterTable("line_drafts").addColumn("name_event_id", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("line_drafts").dropColumn("name_event_id").execute();
  await db.schema.alterTable("line_events").dropColumn("lease_until").execute();
}
