import type { Kysely } from "kysely";

/*
 * #14 slips (PY-2, PY-3): the payment slips applicants send (web upload, email reply, LINE), with what
 * their slip-verification QR says and the finance officer's decision; and the finance officer's daily
 * check that every receipt of money of a business day was reviewed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("payment_slips")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    // The notice it pays, when known (the applicant picked it, or the matter had one open).
    .addColumn("notice_id", "text", (c) => c.references("payment_notices.id"))
    // Sealed file store key (the image or PDF), its sniffed media type, and the channel it came by.
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    // The entry (email or LINE) and attachment it came as: one slip per attachment.
    .addColumn("entry_id", "text", (c) => c.references("entries.id"))
    .addColumn("attachment_id", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    // Sealed: the decoded slip-verification QR; and what it names: the bank's reference, the sending bank.
    .addColumn("slip_qr", "text")
    .addColumn("bank_reference", "text")
    .addColumn("sending_bank", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("reason", "text")
    .addColumn("payment_id", "text", (c) => c.references("payments.id"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("payment_slips_matter").on("payment_slips").column("matter_id").execute();
  await db.schema
    .createIndex("payment_slips_state")
    .on("payment_slips")
    .columns(["agency_id", "state", "received_at"])
    .execute();
  // A mailed or LINE attachment becomes one slip, whatever the sweep sees twice.
  await db.schema
    .createIndex("payment_slips_attachment")
    .on("payment_slips")
    .column("attachment_id")
    .unique()
    .execute();

  // PY-3: one check per agency and business day, by a finance officer, once its receipts were reviewed.
  await db.schema
    .createTable("finance_daily_checks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("business_date", "text", (c) => c.notNull())
    .addColumn("checked_by", "text", (c) => c.notNull())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addColumn("payments_count", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("finance_daily_checks_date")
    .on("finance_daily_checks")
    .columns(["agency_id", "business_date"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["finance_daily_checks", "payment_slips"]) await db.schema.dropTable(table).execute();
}
