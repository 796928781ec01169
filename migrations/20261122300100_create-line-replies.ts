import type { Kysely } from "kysely";

/* #5: what officers answered from a matter on LINE, each sent by push at most once (its id is the retry key). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("line_replies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id"))
    .addColumn("staff_id", "text", (c) => c.notNull().references("staff.id"))
    .addColumn("line_user_id", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("line_replies_entry").on("line_replies").column("entry_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("line_replies").execute();
}
