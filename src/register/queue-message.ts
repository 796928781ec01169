import type { Db } from "../platform/db/database.js";

/** A message the register asks to be sent about an entry; the outbox composes it when sending. */
export interface QueuedMessage {
  agencyId: string;
  entryId: string;
  kind: string;
  channel: "email";
  recipient: string;
}

/**
 * How the register hands a message to the outbox inside its own transaction (CH-4, CH-8: the reply
 * exists exactly when the change does). The app passes the outbox's `enqueueMessage`: the outbox reads
 * the register (receipt numbers, acknowledgements sent), so the register imports nothing of it.
 */
export type QueueMessage = (trx: Db, message: QueuedMessage, at: string) => Promise<void>;
