import { type Kysely, sql } from "kysely";

/*
 * #18 ops: the age of the oldest entry still waiting for its acknowledgement (CH-4) is read at every
 * metrics scrape and /readyz; on a register of a million entries that must not scan the table. A partial
 * index holds only the waiting entries (few), ordered by receipt time, so the read is one index step on
 * SQLite and PostgreSQL alike. Entries whose acknowledgement is withheld for an officer (no address to
 * answer) or that were cancelled do not wait for a sender, so they are left out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index entries_unacknowledged on entries (received_at)
    where acknowledged_at is null and ack_withheld is null and cancelled_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("entries_unacknowledged").execute();
}
