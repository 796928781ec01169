import type { Kysely } from "kysely";

/*
 * #10 mail signs and addresses (CH-4, RG-4).
 * `mail_messages.raw_from`: the From header exactly as received (unfolded), kept as part of the record,
 * because Borikan no longer guesses at a From that does not read one way only.
 * `entries.ack_withheld`: why no acknowledgement was queued for an entry when an officer has to look
 * (a code: the From did not read cleanly, no valid address, or an automatic-mail rule was unsure);
 * null when none was withheld or an officer has since confirmed the address. The register and the
 * entry page show it as a flag.
 * `entries.sender_raw`: the sender's header as received when it gave no address Borikan may answer, for
 * the officer who confirms one.
 * The outbox's `failed` status (text, no constraint to change) now also ends a message the recipient's
 * server refused for good (SMTP 5xx): `last_error` holds the server's answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("mail_messages").addColumn("raw_from", "text").execute();
  await db.schema.alterTable("entries").addColumn("ack_withheld", "text").execute();
  await db.schema.alterTable("entries").addColumn("sender_raw", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("entries").dropColumn("sender_raw").execute();
  await db.schema.alterTable("entries").dropColumn("ack_withheld").execute();
  await db.schema.alterTable("mail_messages").dropColumn("raw_from").execute();
}
