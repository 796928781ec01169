import type { OutgoingMail } from "../platform/mail/transport.js";
import type { OutboxRow } from "./outbox.table.js";

/** An outbox row about a register entry: its message is composed from the entry when it is sent. */
export type EntryMessageRow = OutboxRow & { entry_id: string };

/** Writes the message of an entry's outbox row as the entry stands now (e.g. its acknowledgement). */
export type ComposeMessage = (row: EntryMessageRow) => Promise<OutgoingMail>;

/**
 * The message of a row: an entry's is composed now; one about no entry (a resume link, a signature code)
 * was written when it was queued and is sent as it was written.
 */
export async function messageOf(row: OutboxRow, compose: ComposeMessage): Promise<OutgoingMail> {
  if (row.entry_id !== null) return compose(row as EntryMessageRow);
  const { notAfter: _, secret: __, ...queued } = JSON.parse(row.payload) as QueuedMail;
  return { ...queued, to: row.recipient };
}

/** A message about no entry as queued: `notAfter` ends its use (a code that expires), `secret` is its code. */
export type QueuedMail = Omit<OutgoingMail, "to"> & { notAfter?: string; secret?: string };

/** A queued message whose time is over (e.g. an expired code) is not sent: the reason, or undefined. */
export function expiredReason(row: OutboxRow, now: Date): string | undefined {
  if (row.entry_id !== null) return undefined;
  const { notAfter } = JSON.parse(row.payload) as QueuedMail;
  return notAfter && now.toISOString() > notAfter ? `expired: not sent by ${notAfter}` : undefined;
}

/**
 * What the outbox keeps of a message once it is done with it (sent, or ended for good): an entry's as
 * sent; a code's without the code, which only its hash elsewhere may keep (FM-6).
 */
export function keptPayload(row: OutboxRow, mail?: OutgoingMail): string {
  if (row.entry_id !== null) return mail ? JSON.stringify(mail) : row.payload;
  const queued = JSON.parse(row.payload) as QueuedMail;
  const { secret, notAfter: _, ...kept } = { ...queued, ...(mail ?? {}) } as QueuedMail;
  if (!secret) return JSON.stringify(kept);
  const hide = (text?: string) => text?.split(secret).join("••••••");
  return JSON.stringify({ ...kept, text: hide(kept.text), ...(kept.html && { html: hide(kept.html) }) });
}

/** What an audit row of an outbox event is about: the entry, or the message itself when it has none. */
export const auditSubjectOf = (row: Pick<OutboxRow, "id" | "entry_id">) =>
  row.entry_id === null
    ? { subjectType: "outbox", subjectId: row.id }
    : { subjectType: "entry", subjectId: row.entry_id };
