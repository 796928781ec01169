import type { Kysely } from "kysely";

/*
 * #17 assistline: what the FAQ assistant told a LINE user (IF-4), kept beside the draft its question came
 * in, so the officer who reads the registered entry sees it (RG-1: the message itself is registered as
 * always). One reply per webhook event at most; a pace row per draft keeps replies at most one per N
 * seconds, taken by one atomic upsert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("assistant_replies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("draft_id", "text", (c) => c.notNull().references("line_drafts.id"))
    // The question's webhook event: an event handled again is never answered twice.
    .addColumn("event_id", "text", (c) => c.notNull().unique().references("line_events.id"))
    // "answer" or "unknown" (the hand-over).
    .addColumn("kind", "text", (c) => c.notNull())
    // The text as sent: the agency's own material and fixed wording, nothing the user wrote.
    .addColumn("said", "text", (c) => c.notNull())
    // JSON [{kind, id, title, url}] with absolute URLs.
    .addColumn("sources", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    // null until LINE answered; "line-reply" or "line-push".
    .addColumn("via", "text")
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .execute();
  await db.schema
    .createIndex("assistant_replies_draft")
    .on("assistant_replies")
    .columns(["draft_id", "created_at"])
    .execute();
  await db.schema
    .createTable("assistant_line_pace")
    .addColumn("draft_id", "text", (c) => c.primaryKey().references("line_drafts.id"))
    .addColumn("last_reply_at", "text", (c) => c.notNull())
    .addColumn("replies", "integer", (c) => c.notNull())
    .execute();
  // The office entry page finds the draft of an entry (the join to its assistant replies).
  await db.schema.createIndex("line_drafts_entry").on("line_drafts").column("entry_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("line_drafts_entry").execute();
  await db.schema.dropTable("assistant_line_pace").execute();
  await db.schema.dropTable("assistant_replies").execute();
}
