import type { Kysely } from "kysely";

/*
 * #16 webboard: flood limits (bad input). One counter per account or per hashed client address and
 * per hour window, incremented by one upsert in the posting transaction, so concurrent posts never pass
 * the limit and a refused post (rolled back) counts nothing. The address is kept only as a keyed hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webboard_post_counters")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // "topic:account:<id>", "post:account:<id>" or "post:address:<hmac>".
    .addColumn("subject", "text", (c) => c.notNull())
    // The hour's start, an ISO instant.
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("webboard_post_counters_pk", ["agency_id", "subject", "window_start"])
    .execute();
  // Finds a reporter's earlier report of an item: one report per reporter and item, checked on insert.
  await db.schema
    .createIndex("webboard_reports_once")
    .on("webboard_reports")
    .columns(["topic_id", "post_id", "reporter_account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("webboard_reports_once").execute();
  await db.schema.dropTable("webboard_post_counters").execute();
}
