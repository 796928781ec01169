import type { Kysely } from "kysely";

/*
 * #9, LINE details. RG-4: a signed webhook body is kept exactly as received even when it is not text
 * (invalid UTF-8, or a NUL byte PostgreSQL text cannot hold): `body_encoding` says `base64` then. A body
 * or an event that cannot be handled keeps why (`invalid_reason`; the event's status is `invalid`).
 * A group or chat room is told once that requests are taken only in a one-to-one chat: the row claims it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("line_deliveries")
    .addColumn("body_encoding", "text", (c) => c.notNull().defaultTo("utf8"))
    .execute();
  await db.schema.alterTable("line_deliveries").addColumn("invalid_reason", "text").execute();
  await db.schema.alterTable("line_events").addColumn("invalid_reason", "text").execute();
  await db.schema
    .createTable("line_group_refusals")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // The groupId or roomId LINE gave the chat.
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("refused_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("line_group_refusals_pk", ["agency_id", "chat_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("line_group_refusals").execute();
  await db.schema.alterTable("line_events").dropColumn("invalid_reason").execute();
  await db.schema.alterTable("line_deliveries").dropColumn("invalid_reason").execute();
  await db.schema.alterTable("line_deliveries").dropColumn("body_encoding").execute();
}
