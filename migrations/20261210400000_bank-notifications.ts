import type { Kysely } from "kysely";

/*
 * #14 callback (PY-4): every bill-payment notification a bank sends, stored as it came (the raw body
 * sealed) with what became of it. A notification accepted once (signed, well formed) holds its bank
 * transaction ID in `accepted_transaction_id`, unique per agency and account, so a retried or duplicated
 * notification finds the first and records nothing new. Refused ones keep that column null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("bank_notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("received_at", "text", (c) => c.notNull())
    // Null when the notification could not be tied to an account it proved it came from.
    .addColumn("account_id", "text", (c) => c.references("payment_accounts.id"))
    .addColumn("transaction_id", "text")
    .addColumn("accepted_transaction_id", "text")
    .addColumn("ref1", "text")
    .addColumn("ref2", "text")
    .addColumn("amount_satang", "bigint")
    .addColumn("paid_at", "text")
    .addColumn("payer_name", "text")
    .addColumn("payer_bank", "text")
    .addColumn("channel", "text")
    .addColumn("raw_body", "text", (c) => c.notNull())
    .addColumn("signature_ok", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("payment_id", "text", (c) => c.references("payments.id"))
    // A retried notification points at the first one (whose id the bank was given as confirmId).
    .addColumn("duplicate_of", "text")
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    /** Sealed: why the finance officer settled it (PY-3). */
    .addColumn("resolution_note", "text")
    .execute();
  // PY-4: a bank transaction is taken once, however often the bank sends it.
  await db.schema
    .createIndex("bank_notifications_accepted")
    .on("bank_notifications")
    .columns(["agency_id", "account_id", "accepted_transaction_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("bank_notifications_outcome")
    .on("bank_notifications")
    .columns(["agency_id", "outcome", "received_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("bank_notifications").execute();
}
