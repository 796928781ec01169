import type { Db } from "../platform/db/database.js";

/*
 * What the mail intake asks of the outbox (the outbox runs the only SQL on its rows): how many
 * acknowledgements one address was sent lately, and a delivery report received for a message sent.
 */

/**
 * How many acknowledgements the agency queued to `recipient` since `since` (ISO time): a sender whose
 * mail comes in a loop is not answered every time (CH-4).
 */
export async function countAcknowledgementsSince(
  db: Db,
  agencyId: string,
  recipient: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("recipient", "=", recipient)
    .where("kind", "=", "acknowledgement")
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * CH-12: a delivery report came back for the entry's message of `kind`: it is shown as bounced. Returns
 * whether there was such a message.
 */
export async function markBounced(
  db: Db,
  message: { agencyId: string; entryId: string; kind: string; at: string; reason: string },
): Promise<boolean> {
  const updated = await db
    .updateTable("outbox")
    .set({ bounced_at: message.at, bounce_reason: message.reason })
    .where("agency_id", "=", message.agencyId)
    .where("entry_id", "=", message.entryId)
    .where("kind", "=", message.kind)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
