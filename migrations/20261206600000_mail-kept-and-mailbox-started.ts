import { type Kysely, sql } from "kysely";

/*
 * #10, mailbox. RG-4: a mail with the Message-ID and sender of an earlier one but other bytes is kept as a
 * `possible-duplicate` row; `duplicate_of` names the earlier row. Its `dedupe_key` is the Message-ID key
 * with its bytes' digest, so the unique key still makes each distinct message one row.
 *
 * Retention counts from the move: `mail_moves` has one row per copy Borikan moved to the processed
 * folder (a byte-identical duplicate copy too, which has no row of its own), with the processed folder's
 * UIDVALIDITY and the UID the server gave it (UIDPLUS COPYUID), or none when the server does not say;
 * only what is listed here is ever deleted, and only once `moved_at` is older than the retention.
 * Moves made before this migration are listed without a UID (found again by Message-ID).
 *
 * A first connection asks before it takes: `start_state` is `new` until the first pass, `pending` while a
 * full mailbox waits for the admin's choice (`first_preview`: what is in each folder), and `started` once
 * mail is taken; `take_since` leaves older mail untouched. A mailbox that already took mail is `started`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("mail_messages").addColumn("duplicate_of", "text").execute();
  await db.schema
    .createTable("mail_moves")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("mail_message_id", "text", (c) => c.notNull())
    .addColumn("message_id", "text")
    .addColumn("folder", "text", (c) => c.notNull())
    .addColumn("uid_validity", "text")
    .addColumn("uid", "integer")
    .addColumn("moved_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .execute();
  await db.schema
    .createIndex("mail_moves_due")
    .on("mail_moves")
    .columns(["agency_id", "folder", "deleted_at", "moved_at"])
    .execute();
  await sql`insert into mail_moves (id, agency_id, mail_message_id, message_id, folder, moved_at)
    select m.id, m.agency_id, m.id, m.message_id, b.processed_folder, m.moved_at
    from mail_messages m join mailboxes b on b.agency_id = m.agency_id
    where m.moved_at is not null`.execute(db);

  await db.schema
    .alterTable("mailboxes")
    .addColumn("start_state", "text", (c) => c.notNull().defaultTo("new"))
    .execute();
  for (const column of ["take_since", "first_preview", "started_by", "started_at"]) {
    await db.schema.alterTable("mailboxes").addColumn(column, "text").execute();
  }
  await sql`update mailboxes set start_state = 'started'
    where agency_id in (select agency_id from mail_messages)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ["started_at", "started_by", "first_preview", "take_since", "start_state"]) {
    await db.schema.alterTable("mailboxes").dropColumn(column).execute();
  }
  await db.schema.dropTable("mail_moves").execute();
  await db.schema.alterTable("mail_messages").dropColumn("duplicate_of").execute();
}
