import type { Kysely } from "kysely";

/*
 * #17 subjects (PD-3): data-subject requests. Each rides on a register matter (any channel); this row
 * holds the right asked for, who the person is, the proof of authority, the 30-day clock and the answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("data_subject_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_account_id", "text", (c) => c.references("citizen_accounts.id"))
    .addColumn("requester", "text", (c) => c.notNull())
    .addColumn("proof_kind", "text", (c) => c.notNull())
    .addColumn("proof_ref", "text")
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("refusal_reason", "text")
    .addColumn("export_key", "text")
    .addColumn("export_sha256", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // One request per matter: turning the same entry twice is refused by the database too.
  await db.schema
    .createIndex("data_subject_requests_matter")
    .on("data_subject_requests")
    .column("matter_id")
    .unique()
    .execute();
  await db.schema
    .createIndex("data_subject_requests_due")
    .on("data_subject_requests")
    .columns(["agency_id", "status", "due_at", "id"])
    .execute();
  await db.schema
    .createIndex("data_subject_requests_subject")
    .on("data_subject_requests")
    .columns(["agency_id", "subject_account_id"])
    .execute();
  await db.schema
    .createTable("data_subject_request_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("request_id", "text", (c) => c.notNull().references("data_subject_requests.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("data_subject_request_events_request")
    .on("data_subject_request_events")
    .columns(["request_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("data_subject_request_events").execute();
  await db.schema.dropTable("data_subject_requests").execute();
}
