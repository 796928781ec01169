import type { Kysely } from "kysely";

/*
 * #18 (CH-4): a LINE acknowledgement is marked as started, committed, before the reply or push goes out,
 * as the outbox does with `send_started_at`. A process that dies after LINE took the message leaves it
 * started but not recorded; whoever handles the event again marks it uncertain instead of saying the
 * receipt number a second time, and an officer settles it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("line_drafts").addColumn("ack_started_at", "text").execute();
  await db.schema.alterTable("line_drafts").addColumn("ack_uncertain_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("line_drafts").dropColumn("ack_uncertain_at").execute();
  await db.schema.alterTable("line_drafts").dropColumn("ack_started_at").execute();
}
