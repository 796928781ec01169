import { type Kysely, sql } from "kysely";

/*
 * #18 (CH-10, RG-4): LINE events are handled in parallel across chats, each chat's in order. `chat_id`
 * is the one-to-one chat's user, or the group or room, the event came from: an event is taken only when
 * no earlier event of the same agency and chat is still pending or processing. The partial index keeps
 * that check to the few open events of one chat, however many are done; `line_events_queue` gives the
 * due events in LINE's order without a sort.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("line_events").addColumn("chat_id", "text").execute();
  // Stored before: a one-to-one chat is its user. A group's or room's id is only in the sealed payload,
  // and such events only ever get the group's one refusal, so those rows stay without a chat (unordered).
  await db
    .updateTable("line_events" as never)
    .set({ chat_id: sql.ref("user_id") } as never)
    .where(sql.ref("source_type"), "=", "user")
    .execute();
  await db.schema
    .createIndex("line_events_chat_open")
    .on("line_events")
    .columns(["agency_id", "chat_id", "event_at", "id"])
    .where(sql.ref("status"), "in", sql`('pending', 'processing')`)
    .execute();
  await db.schema
    .createIndex("line_events_queue")
    .on("line_events")
    .columns(["status", "event_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("line_events_queue").execute();
  await db.schema.dropIndex("line_events_chat_open").execute();
  await db.schema.alterTable("line_events").dropColumn("chat_id").execute();
}
