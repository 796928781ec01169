import type { Db } from "../../platform/db/database.js";

const BATCH = 500;

/**
 * PD-4: held mail an officer deleted as spam (CH-6: its bytes went then) keeps its row, which is what
 * stops the same message being taken again; its sender and subject go once it was decided before
 * `before`. Returns the number of rows emptied.
 */
export async function purgeDeletedMail(db: Db, agencyId: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom("mail_messages")
        .select("id")
        .where("agency_id", "=", agencyId)
        .where("outcome", "=", "deleted")
        .where("decided_at", "<", before.toISOString())
        .where((eb) =>
          eb.or([
            eb("from_address", "is not", null),
            eb("raw_from", "is not", null),
            eb("subject", "is not", null),
          ]),
        )
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    await db
      .updateTable("mail_messages")
      .set({ from_address: null, raw_from: null, subject: null })
      .where("id", "in", ids)
      .execute();
    total += ids.length;
    if (ids.length < BATCH) return total;
  }
}
