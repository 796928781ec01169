import type { Kysely } from "kysely";

/*
 * #9, CH-4: an officer records an acknowledgement given another way (by phone, on paper, in person) when
 * none could be sent, e.g. with no mail server configured. `entries.acknowledged_via` then names the way
 * (`phone`, `paper`, `in-person`), `acknowledged_at` the time the officer gives, and these two columns
 * who recorded it (a staff id; null for acknowledgements the system sent) and the officer's note (whom
 * they spoke to, the number called, how the letter went).
 * The outbox's `status` gains `not_configured` (text, no constraint to change): a message kept because
 * no mail server is configured, never handed to one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("entries").addColumn("acknowledged_by", "text").execute();
  await db.schema.alterTable("entries").addColumn("acknowledgement_note", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("entries").dropColumn("acknowledgement_note").execute();
  await db.schema.alterTable("entries").dropColumn("acknowledged_by").execute();
}
