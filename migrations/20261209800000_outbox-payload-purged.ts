import type { Kysely } from "kysely";

/*
 * #13 (PD-4, ID-7): a sent message's payload is emptied on the retention schedule; since the payload is
 * sealed, whether it was emptied cannot be read from it in SQL, so it gets a column of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("payload_purged_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("payload_purged_at").execute();
}
