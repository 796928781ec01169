import type { Kysely } from "kysely";

/*
 * #14 statements (PY-3): the agency's bank statements imported for reconciliation, each line matched to
 * a notice (or queued for the finance officer), and the column mapping of each account's statement file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // How one account's statement file reads: saved at the first import, reused by the next ones.
  await db.schema
    .createTable("statement_mappings")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("payment_accounts.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // JSON StatementMapping: format, encoding, header row, columns, date format.
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .execute();

  // One imported file; the file itself is kept (sealed) in the file store for SC-2 backups.
  await db.schema
    .createTable("bank_statements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("payment_accounts.id"))
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addColumn("line_count", "integer", (c) => c.notNull())
    .addColumn("skipped_count", "integer", (c) => c.notNull())
    .addColumn("matched_count", "integer", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("imported_by", "text", (c) => c.notNull())
    .execute();
  // The same file twice is refused.
  await db.schema
    .createIndex("bank_statements_sha256")
    .on("bank_statements")
    .columns(["agency_id", "sha256"])
    .unique()
    .execute();

  await db.schema
    .createTable("statement_lines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("statement_id", "text", (c) => c.notNull().references("bank_statements.id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("line_number", "integer", (c) => c.notNull())
    // sha256 of account, time, amount and the bank's reference (or Ref1): overlapping statements skip it.
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("posted_at", "text", (c) => c.notNull())
    // Positive: money in; negative: money out (ignored).
    .addColumn("amount_satang", "bigint", (c) => c.notNull())
    .addColumn("ref1", "text")
    .addColumn("ref2", "text")
    .addColumn("bank_reference", "text")
    .addColumn("description", "text")
    .addColumn("payer", "text")
    // matched | unmatched | amount-differs | already-paid | ignored
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("notice_id", "text")
    .addColumn("payment_id", "text")
    .addColumn("resolved_by", "text")
    .addColumn("resolved_at", "text")
    .addColumn("note", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("statement_lines_fingerprint")
    .on("statement_lines")
    .columns(["agency_id", "fingerprint"])
    .unique()
    .execute();
  await db.schema
    .createIndex("statement_lines_state")
    .on("statement_lines")
    .columns(["agency_id", "state"])
    .execute();
  await db.schema
    .createIndex("statement_lines_statement")
    .on("statement_lines")
    .column("statement_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("statement_lines").execute();
  await db.schema.dropTable("bank_statements").execute();
  await db.schema.dropTable("statement_mappings").execute();
}
