import type { Kysely } from "kysely";

/*
 * #13 my-data (PD-6): every officer's read of a person's data, per matter (and entry), so the person sees
 * who read it and when; one-time links that tie a LINE user to a citizen account; and the keyed hash that
 * finds a signed-in citizen's drafts (those of entries and applications come with the sealed lookup keys).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("data_reads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    /** No foreign key: joining an entry to another matter deletes the emptied one, and the read stays a fact. */
    .addColumn("matter_id", "text", (c) => c.notNull())
    /** The entry read, when the read was of one entry (its page, its files). */
    .addColumn("entry_id", "text")
    /** `staff:<id>`: reads by the applicant themselves are not recorded. */
    .addColumn("reader", "text", (c) => c.notNull())
    /** matter, entry, attachment, evidence, register-list, export, api */
    .addColumn("what", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("data_reads_matter").on("data_reads").columns(["matter_id", "at"]).execute();
  // PD-4: the retention purge deletes by age.
  await db.schema.createIndex("data_reads_at").on("data_reads").columns(["agency_id", "at"]).execute();

  await db.schema
    .createTable("line_link_tokens")
    /** sha256 (hex) of the 32-byte token in the link: the link itself is the key. */
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("line_user_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    /** 15 minutes after it was sent in the chat. */
    .addColumn("expires_at", "text", (c) => c.notNull())
    /** Set once, in the same statement that checks it is unset: a replayed link is refused. */
    .addColumn("used_at", "text")
    .addColumn("account_id", "text", (c) => c.references("citizen_accounts.id"))
    .execute();

  /** The keyed hash of the address a draft's resume link was sent to: the citizen's drafts (ID-7). */
  await db.schema.alterTable("application_drafts").addColumn("email_hmac", "text").execute();
  // The sender and applicant hashes come with 20261209200000_sealed-lookup-keys (indexed there).
  for (const [name, table, cols] of [
    ["entries_line_user", "entries", ["agency_id", "line_user_id"]],
    ["application_drafts_email_hmac", "application_drafts", ["agency_id", "email_hmac"]],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(table)
      .columns([...cols])
      .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("line_link_tokens").execute();
  await db.schema.dropTable("data_reads").execute();
  await db.schema.dropIndex("application_drafts_email_hmac").ifExists().execute();
  await db.schema.alterTable("application_drafts").dropColumn("email_hmac").execute();
}
