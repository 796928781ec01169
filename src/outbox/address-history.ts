import { emailLookupKey, sealerOf } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";

/**
 * ID-7: the recipient is sealed; messages to one address are found by this keyed hash (an email address
 * by `emailLookupKey`, so that it agrees with every other capability; a LINE user id or phone as given).
 */
export function recipientLookupKey(db: Db, recipient: string): string | null {
  const sealer = sealerOf(db);
  if (!sealer) return null;
  return emailLookupKey(sealer, recipient) ?? sealer.index("recipient", recipient);
}

/** How many messages of a kind were queued to one address since a time (CH-4: a mail loop's brake). */
export async function countQueuedTo(
  db: Db,
  query: { agencyId: string; recipient: string; kind: string; since: Date },
): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", query.agencyId)
    .where("recipient_hmac", "=", recipientLookupKey(db, query.recipient))
    .where("kind", "=", query.kind)
    .where("created_at", ">", query.since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * CH-12: a delivery report came back for the entry's message of this kind. Returns whether such a
 * message exists (a report about mail Borikan never sent changes nothing).
 */
export async function recordBounce(
  trx: Db,
  report: { agencyId: string; entryId: string; kind: string; reason: string; at: string },
): Promise<boolean> {
  const updated = await trx
    .updateTable("outbox")
    .set({ bounced_at: report.at, bounce_reason: report.reason })
    .where("agency_id", "=", report.agencyId)
    .where("entry_id", "=", report.entryId)
    .where("kind", "=", report.kind)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
