import type { Kysely } from "kysely";

/*
 * #14 receipts (PY-5): the making of each e-receipt's signed PDF and XML after its payment commits
 * (claimed, so two workers never make one twice; retried when signing fails), and the corrections of a
 * receipt: a void (made in error) or a refund (money to return), each requested by one officer and
 * decided by another.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per e-receipt a worker has tried to make: its lease while it works, and when to try again.
  await db.schema
    .createTable("e_receipt_attempts")
    .addColumn("receipt_id", "text", (c) => c.primaryKey().references("e_receipts.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lease_until", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .execute();

  // PY-5: a void or refund of a receipt, with its reason, who asked, who decided and when.
  await db.schema
    .createTable("receipt_corrections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("receipt_id", "text", (c) => c.notNull().references("e_receipts.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount_satang", "bigint", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("note", "text")
    /** A refund paid out: the bank's reference of the transfer back, recorded by the finance officer. */
    .addColumn("paid_out_reference", "text")
    .addColumn("paid_out_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("receipt_corrections_receipt")
    .on("receipt_corrections")
    .column("receipt_id")
    .execute();
  await db.schema
    .createIndex("receipt_corrections_status")
    .on("receipt_corrections")
    .columns(["agency_id", "status"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("receipt_corrections").execute();
  await db.schema.dropTable("e_receipt_attempts").execute();
}
