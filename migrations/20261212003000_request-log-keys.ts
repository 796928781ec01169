import type { Kysely } from "kysely";

/*
 * #16 faq (RG-2): the request log's page is read by date received and scoped by unit as the register is.
 * Both are copied from the entry and its matter by the system when a question is logged (never typed),
 * so the log can be filtered and paged by an index instead of joining the register's tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("request_log").addColumn("received_at", "text").execute();
  await db.schema.alterTable("request_log").addColumn("unit_id", "text").execute();
  await db.schema
    .createIndex("request_log_received")
    .on("request_log")
    .columns(["agency_id", "received_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("request_log_received").execute();
  await db.schema.alterTable("request_log").dropColumn("unit_id").execute();
  await db.schema.alterTable("request_log").dropColumn("received_at").execute();
}
