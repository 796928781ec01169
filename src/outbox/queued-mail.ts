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
  const queued = JSON.parse(row.payload) as Omit<OutgoingMail, "to">;
  return { ...queued, to: row.recipient };
}

/** What an audit row of an outbox event is about: the entry, or the message itself when it has none. */
export const auditSubjectOf = (row: Pick<OutboxRow, "id" | "entry_id">) =>
  row.entry_id === null
    ? { subjectType: "outbox", subjectId: row.id }
    : { subjectType: "entry", subjectId: row.entry_id };
