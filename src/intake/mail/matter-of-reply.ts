import type { Db } from "../../platform/db/database.js";
import {
  entryOfThreadMessageId,
  findEntry,
  findEntryByNumber,
  parseReceiptNumber,
} from "../../register/index.js";
import type { IncomingMail } from "./parse-mail.js";

/**
 * Replies join their matter only on proof: the thread token of a message Borikan sent about it, or its
 * receipt number in the subject from the same sender. Anything else opens a new matter.
 */
export async function matterOfReply(
  db: Db,
  agencyId: string,
  secret: string,
  mail: IncomingMail,
  sender: string | undefined,
): Promise<{ matterId?: string; note?: string }> {
  for (const id of [mail.inReplyTo, ...mail.references.slice().reverse()]) {
    const entryId = id && entryOfThreadMessageId(secret, id);
    const entry = entryId ? await findEntry(db, entryId) : undefined;
    if (entry && entry.agencyId === agencyId) return { matterId: entry.matterId };
  }
  const written = /(\d{1,9}\/25\d\d)/.exec(mail.subject)?.[1];
  const number = written && parseReceiptNumber(written);
  if (!number) return {};
  const entry = await findEntryByNumber(db, agencyId, number.beYear, number.sequence);
  if (entry && sender && entry.senderEmail?.toLowerCase() === sender) return { matterId: entry.matterId };
  return { note: `receipt number ${written} in the subject, other sender: new matter` };
}
