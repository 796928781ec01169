import type { Kysely } from "kysely";

/*
 * #16 answers: the history of each webboard answer (WB-3, WB-4) — drafted, edited, submitted, approved,
 * returned with a reason, withdrawn with a reason, promoted to the FAQ — one row per act, written with
 * the status change and the audit row. The answer page shows it; the reasons live here, not in audit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webboard_answer_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("answer_id", "text", (c) => c.notNull().references("webboard_answers.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webboard_answer_events_answer")
    .on("webboard_answer_events")
    .columns(["answer_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("webboard_answer_events").execute();
}
