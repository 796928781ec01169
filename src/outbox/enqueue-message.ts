import { findAgency } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { MailAttachment } from "../platform/mail/transport.js";
import { recipientLookupKey } from "./address-history.js";
import type { QueuedMail } from "./queued-mail.js";

/** A message about a register entry: composed from the entry when it is sent. */
export interface EntryMessage {
  agencyId: string;
  entryId: string;
  /** What it is, e.g. `acknowledgement`; one of each kind per entry. The worker composes it when sending. */
  kind: string;
  channel: "email";
  recipient: string;
}

/**
 * A message about no register entry (a form's resume link, a signature's one-time code): written now,
 * sent as written; one of each kind per `subjectKey` (e.g. `draft:<id>`). Without `from`, the agency's
 * central address sends it.
 */
export interface StandaloneMessage {
  agencyId: string;
  entryId: null;
  subjectKey: string;
  kind: string;
  channel: "email";
  recipient: string;
  mail: {
    from?: string;
    subject: string;
    text: string;
    html?: string;
    /** Not sent after this time (ISO): a one-time code that has expired is ended instead. */
    notAfter?: string;
    /** A one-time code in the text: removed from the copy kept once the message is sent or ended (FM-6). */
    secret?: string;
    /** #12 notifications: in the thread of an earlier message (the acknowledgement). */
    inReplyTo?: string;
    references?: string[];
    /** #12 correspondence: files sent with it (a letter's PDF). */
    attachments?: MailAttachment[];
    /** #15 delivery: the Message-ID it is sent with, so that a delivery report on it finds it (CH-12). */
    messageId?: string;
  };
}

export type OutboxMessage = EntryMessage | StandaloneMessage;

/**
 * Writes a message to the outbox inside the caller's transaction, so it exists exactly when what caused
 * it does (an entry's foreign key is checked at commit). A second message of the same kind for the same
 * entry (or subject) is ignored: never sent twice (CH-4).
 */
export async function enqueueMessage(trx: Db, message: OutboxMessage, at: string): Promise<void> {
  // CH-4: an address that is not valid is never a recipient; callers check before, this is the last guard.
  if (message.channel === "email" && !isValidEmailAddress(message.recipient)) {
    throw new AppError("RECIPIENT_INVALID");
  }
  const row = {
    id: newId(),
    agency_id: message.agencyId,
    kind: message.kind,
    channel: message.channel,
    recipient: message.recipient,
    recipient_hmac: recipientLookupKey(trx, message.recipient),
    status: "pending" as const,
    attempts: 0,
    next_attempt_at: at,
    lease_until: null,
    last_error: null,
    sent_at: null,
    created_at: at,
  };
  if (message.entryId !== null) {
    await trx
      .insertInto("outbox")
      .values({ ...row, entry_id: message.entryId, subject_key: null, payload: "{}" })
      .onConflict((oc) => oc.columns(["entry_id", "kind"]).doNothing())
      .execute();
    return;
  }
  const payload: QueuedMail = {
    from: message.mail.from ?? (await agencySender(trx, message.agencyId)),
    subject: message.mail.subject,
    text: message.mail.text,
    ...(message.mail.html && { html: message.mail.html }),
    ...(message.mail.notAfter && { notAfter: message.mail.notAfter }),
    ...(message.mail.secret && { secret: message.mail.secret }),
    ...(message.mail.inReplyTo && { inReplyTo: message.mail.inReplyTo }),
    ...(message.mail.references && { references: message.mail.references }),
    ...(message.mail.attachments && { attachments: message.mail.attachments }),
    ...(message.mail.messageId && { messageId: message.mail.messageId }),
  };
  await trx
    .insertInto("outbox")
    .values({ ...row, entry_id: null, subject_key: message.subjectKey, payload: JSON.stringify(payload) })
    .onConflict((oc) => oc.columns(["subject_key", "kind"]).doNothing())
    .execute();
}

async function agencySender(db: Db, agencyId: string): Promise<string> {
  const agency = await findAgency(db, agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  return `"${agency.nameTh} (${agency.nameEn})" <${agency.centralEmail}>`;
}
