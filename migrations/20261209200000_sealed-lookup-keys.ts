import type { Kysely } from "kysely";

/*
 * #13 sealing (ID-7, SC-1): personal data in the tables that were there before is now stored sealed, so a
 * lookup compares a keyed hash (HMAC) written beside it instead: the sender's email and phone of an entry,
 * the applicant's 13-digit ID and the acting person's national ID of an application (FM-5), and the
 * outbox's recipient (CH-4's mail-loop brake counts messages to one address). Old rows get their hashes
 * from `borikan keys seal-existing`.
 */
const HASHES: [table: string, column: string][] = [
  ["entries", "sender_email_hmac"],
  ["entries", "sender_phone_hmac"],
  ["applications", "applicant_id_hmac"],
  ["applications", "acting_id_hmac"],
  ["outbox", "recipient_hmac"],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of HASHES) {
    await db.schema.alterTable(table).addColumn(column, "text").execute();
    if (table !== "outbox")
      await db.schema.createIndex(`${table}_${column}`).on(table).columns(["agency_id", column]).execute();
  }
  // A sealed value is different every time: an index on it finds nothing. The hash takes its place.
  await db.schema.dropIndex("outbox_recipient_recent").execute();
  await db.schema
    .createIndex("outbox_recipient_hmac_recent")
    .on("outbox")
    .columns(["agency_id", "recipient_hmac", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("outbox_recipient_hmac_recent").execute();
  await db.schema
    .createIndex("outbox_recipient_recent")
    .on("outbox")
    .columns(["agency_id", "recipient", "created_at"])
    .execute();
  for (const [table, column] of HASHES) {
    if (table !== "outbox") await db.schema.dropIndex(`${table}_${column}`).execute();
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
