import type { Kysely } from "kysely";

/*
 * #17 broadcasts (CH-10): a LINE broadcast drafted by an officer and sent only after a supervisor
 * approved exactly its content (`approved_hash`), and the history of each one, written with its status.
 * No personal data: the text is the agency's own announcement to all its friends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("broadcasts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text_th", "text", (c) => c.notNull())
    .addColumn("text_en", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("drafted_by", "text", (c) => c.notNull())
    .addColumn("edited_by", "text", (c) => c.notNull())
    .addColumn("approved_by", "text")
    .addColumn("approved_hash", "text")
    .addColumn("estimated_recipients", "integer")
    .addColumn("failure", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("broadcasts_agency_status")
    .on("broadcasts")
    .columns(["agency_id", "status", "updated_at"])
    .execute();
  await db.schema
    .createTable("broadcast_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("broadcast_id", "text", (c) => c.notNull().references("broadcasts.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("broadcast_events_broadcast")
    .on("broadcast_events")
    .columns(["broadcast_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("broadcast_events").execute();
  await db.schema.dropTable("broadcasts").execute();
}
