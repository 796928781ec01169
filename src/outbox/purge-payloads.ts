import type { Db } from "../platform/db/database.js";

const BATCH = 500;
/** What a purged payload holds: the row stays (it was sent, to whom, when), its text is gone. */
export const PURGED_PAYLOAD = '{"purged":true}';

/**
 * PD-4: messages sent before `before` lose their text (subject, body, headers); the row, its status and
 * times stay, so the register still shows that they were sent. Returns the number of rows emptied.
 */
export async function purgeSentPayloads(db: Db, agencyId: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom("outbox")
        .select("id")
        .where("agency_id", "=", agencyId)
        .where("status", "=", "sent")
        .where("sent_at", "<", before.toISOString())
        // The payload is sealed (ID-7): whether it was purged is a column of its own.
        .where("payload_purged_at", "is", null)
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    await db
      .updateTable("outbox")
      .set({ payload: PURGED_PAYLOAD, payload_purged_at: new Date().toISOString() })
      .where("id", "in", ids)
      .execute();
    total += ids.length;
    if (ids.length < BATCH) return total;
  }
}
