import type { Db } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";

export interface OutboxMessage {
  agencyId: string;
  entryId: string;
  /** What it is, e.g. `acknowledgement`; one of each kind per entry. The worker composes it when sending. */
  kind: string;
  channel: "email";
  recipient: string;
}

/**
 * Writes a message to the outbox inside the caller's transaction, so it exists exactly when the entry
 * does (the foreign key is checked at commit). A second message of the same kind for the same entry is
 * ignored: never sent twice (CH-4).
 */
export async function enqueueMessage(trx: Db, message: OutboxMessage, at: string): Promise<void> {
  // CH-4: an address that is not valid is never a recipient; callers check before, this is the last guard.
  if (message.channel === "email" && !isValidEmailAddress(message.recipient)) {
    throw new AppError("RECIPIENT_INVALID");
  }
  await trx
    .insertInto("outbox")
    .values({
      id: newId(),
      agency_id: message.agencyId,
      entry_id: message.entryId,
      kind: message.kind,
      channel: message.channel,
      recipient: message.recipient,
      payload: "{}",
      status: "pending",
      attempts: 0,
      next_attempt_at: at,
      lease_until: null,
      last_error: null,
      sent_at: null,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(["entry_id", "kind"]).doNothing())
    .execute();
}
