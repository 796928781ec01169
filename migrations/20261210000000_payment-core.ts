import type { Kysely } from "kysely";

/*
 * #14 payment (PY-1, PY-3, PY-5): the agency's account, payment notices (several per matter, each with
 * its own Ref1), payments (one per notice: paid once), e-receipts numbered per fiscal year, and the
 * room's gapless counters. Money is integer satang.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("payment_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("bank_code", "text", (c) => c.notNull())
    .addColumn("bank_name", "text", (c) => c.notNull())
    .addColumn("account_number", "text", (c) => c.notNull())
    .addColumn("account_name", "text", (c) => c.notNull())
    .addColumn("biller_id", "text")
    .addColumn("comp_code", "text")
    .addColumn("callback_secret", "text")
    .addColumn("is_default", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("payment_notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("ref1", "text", (c) => c.notNull())
    .addColumn("ref2", "text")
    .addColumn("amount_satang", "bigint", (c) => c.notNull())
    .addColumn("lines", "text", (c) => c.notNull())
    .addColumn("pay_to", "text")
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("gates_matter", "integer", (c) => c.notNull())
    .addColumn("reminded_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // PY-1: Ref1 names one notice of the agency; the bank reports it back.
  await db.schema
    .createIndex("payment_notices_ref1")
    .on("payment_notices")
    .columns(["agency_id", "ref1"])
    .unique()
    .execute();
  await db.schema.createIndex("payment_notices_matter").on("payment_notices").column("matter_id").execute();
  await db.schema
    .createIndex("payment_notices_due")
    .on("payment_notices")
    .columns(["status", "due_at"])
    .execute();

  await db.schema
    .createTable("payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("notice_id", "text", (c) => c.notNull().references("payment_notices.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("amount_satang", "bigint", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("bank_reference", "text")
    .addColumn("paid_at", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("payer_name", "text")
    .addColumn("evidence", "text")
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .execute();
  // Paid once: whatever path reports a notice paid second finds it taken.
  await db.schema.createIndex("payments_notice").on("payments").column("notice_id").unique().execute();
  await db.schema
    .createIndex("payments_recorded")
    .on("payments")
    .columns(["agency_id", "recorded_at"])
    .execute();

  await db.schema
    .createTable("e_receipts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("payment_id", "text", (c) => c.notNull().references("payments.id"))
    .addColumn("notice_id", "text", (c) => c.notNull().references("payment_notices.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) => c.notNull())
    .addColumn("receipt_number", "text", (c) => c.notNull())
    .addColumn("amount_satang", "bigint", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("pdf_key", "text")
    .addColumn("xml_key", "text")
    .addColumn("signed_at", "text")
    .addColumn("payer_name", "text")
    .addColumn("voided_at", "text")
    .addColumn("void_reason", "text")
    .execute();
  // PY-5: one e-receipt per payment; one number per agency and fiscal year.
  await db.schema.createIndex("e_receipts_payment").on("e_receipts").column("payment_id").unique().execute();
  await db.schema
    .createIndex("e_receipts_number")
    .on("e_receipts")
    .columns(["agency_id", "fiscal_year", "sequence"])
    .unique()
    .execute();

  await db.schema
    .createTable("payment_counters")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("series", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("last_number", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("payment_counters_pk", ["agency_id", "series", "fiscal_year"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["payment_counters", "e_receipts", "payments", "payment_notices", "payment_accounts"])
    await db.schema.dropTable(table).execute();
}
