import type { Db } from "../platform/db/database.js";

/**
 * #18 ops (CH-4): when the oldest entry still waiting for its acknowledgement was received, or undefined
 * when none waits. Entries withheld for an officer or cancelled do not wait for a sender. One step in the
 * partial index `entries_unacknowledged`, whatever the register's size; no personal data leaves.
 */
export async function findOldestUnacknowledged(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom("entries")
    .select("received_at")
    .where("acknowledged_at", "is", null)
    .where("ack_withheld", "is", null)
    .where("cancelled_at", "is", null)
    .orderBy("received_at")
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.received_at) : undefined;
}
