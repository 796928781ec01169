import type { Db } from "../platform/db/database.js";
import { findReceiptNumbers } from "../register/index.js";
import type { OutboxRow } from "./outbox.table.js";

export type OutboxStatus = OutboxRow["status"];

/** Where each entry's message of `kind` stands (entries without one are absent), for honest pages. */
export async function findMessageStatuses(
  db: Db,
  entryIds: readonly string[],
  kind = "acknowledgement",
): Promise<Map<string, OutboxStatus>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("outbox")
    .select(["entry_id", "status"])
    .where("entry_id", "in", [...entryIds])
    .where("kind", "=", kind)
    .$narrowType<{ entry_id: string }>()
    .execute();
  return new Map(rows.map((r) => [r.entry_id, r.status]));
}

/** Why each entry's failed message of `kind` failed (`refused: …` for a refusal for good), by entry. */
export async function findMessageFailures(
  db: Db,
  entryIds: readonly string[],
  kind = "acknowledgement",
): Promise<Map<string, string>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("outbox")
    .select(["entry_id", "last_error"])
    .where("entry_id", "in", [...entryIds])
    .where("kind", "=", kind)
    .where("status", "=", "failed")
    .$narrowType<{ entry_id: string }>()
    .execute();
  return new Map(rows.map((r) => [r.entry_id, r.last_error ?? ""]));
}

/** How many of the agency's messages wait because no mail server is configured. */
export async function countNotConfigured(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("agency_id", "=", agencyId)
    .where("status", "=", "not_configured")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A message as the outbox pages list it: to whom, of what kind, for which receipt (none: no entry). */
export interface ListedMessage {
  id: string;
  entryId: string | null;
  receiptNumber: string;
  kind: string;
  recipient: string;
}

/** The agency's outbox rows with what every list of them shows; callers add columns and filters. */
export function selectListedMessages(db: Db, agencyId: string) {
  return db
    .selectFrom("outbox")
    .select(["outbox.id", "outbox.entry_id", "outbox.kind", "outbox.recipient"])
    .where("outbox.agency_id", "=", agencyId);
}

/** Rows of `selectListedMessages` as ListedMessages, with their entries' receipt numbers (the register's). */
export async function listedMessages<
  R extends { id: string; entry_id: string | null; kind: string; recipient: string },
>(db: Db, rows: R[]): Promise<(ListedMessage & { row: R })[]> {
  const numbers = await findReceiptNumbers(
    db,
    rows.flatMap((r) => (r.entry_id ? [r.entry_id] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entry_id,
    receiptNumber: (r.entry_id && numbers.get(r.entry_id)) || "",
    kind: r.kind,
    recipient: r.recipient,
    row: r,
  }));
}

export interface KeptMessage extends ListedMessage {
  createdAt: Date;
}

/** The agency's messages kept for want of a mail server, oldest first (the order they will go in). */
export async function listNotConfigured(db: Db, agencyId: string, limit = 200): Promise<KeptMessage[]> {
  const rows = await selectListedMessages(db, agencyId)
    .select("outbox.created_at")
    .where("outbox.status", "=", "not_configured")
    .orderBy("outbox.created_at")
    .limit(limit)
    .execute();
  return (await listedMessages(db, rows)).map(({ row, ...m }) => ({
    ...m,
    createdAt: new Date(row.created_at),
  }));
}

export interface FailedMessage extends ListedMessage {
  at: Date;
  reason: string;
}

/** CH-12: the agency's messages that will not be sent (refused for good, or out of attempts), newest first. */
export async function listFailedMessages(db: Db, agencyId: string, limit = 200): Promise<FailedMessage[]> {
  const rows = await selectListedMessages(db, agencyId)
    .select(["outbox.next_attempt_at", "outbox.last_error"])
    .where("outbox.status", "=", "failed")
    .orderBy("outbox.next_attempt_at", "desc")
    .limit(limit)
    .execute();
  return (await listedMessages(db, rows)).map(({ row, ...m }) => ({
    ...m,
    at: new Date(row.next_attempt_at),
    reason: row.last_error ?? "",
  }));
}

/** One of the agency's outbox rows, or undefined. */
export async function findOutboxMessage(
  db: Db,
  agencyId: string,
  id: string,
): Promise<OutboxRow | undefined> {
  return db
    .selectFrom("outbox")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** #12 notifications: where each message about no entry of `kind` stands, by its subject key (absent: none). */
export async function findSubjectMessageStates(
  db: Db,
  subjectKeys: readonly string[],
  kind: string,
): Promise<
  Map<string, { status: OutboxStatus; sentAt: string | null; bouncedAt: string | null; error: string | null }>
> {
  if (subjectKeys.length === 0) return new Map();
  const rows = await db
    .selectFrom("outbox")
    .select(["subject_key", "status", "sent_at", "bounced_at", "last_error"])
    .where("subject_key", "in", [...subjectKeys])
    .where("kind", "=", kind)
    .$narrowType<{ subject_key: string }>()
    .execute();
  return new Map(
    rows.map((r) => [
      r.subject_key,
      { status: r.status, sentAt: r.sent_at, bouncedAt: r.bounced_at, error: r.last_error },
    ]),
  );
}

/** #12 correspondence: a message about no entry as its page shows it (to whom, where it stands). */
export interface SubjectMessage {
  recipient: string;
  status: OutboxStatus;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** The agency's messages about no entry whose subject key starts with `prefix` (e.g. `letter:<id>:`), oldest first. */
export async function listSubjectMessages(
  db: Db,
  agencyId: string,
  prefix: string,
): Promise<SubjectMessage[]> {
  const rows = await db
    .selectFrom("outbox")
    .select(["recipient", "status", "created_at", "sent_at", "last_error", "subject_key"])
    .where("agency_id", "=", agencyId)
    .where("entry_id", "is", null)
    // Prefixes are ids and colons: nothing LIKE would read as a wildcard.
    .where("subject_key", "like", `${prefix.replace(/[\\%_]/g, "")}%`)
    .orderBy("created_at")
    .execute();
  return rows
    .filter((r) => r.subject_key?.startsWith(prefix))
    .map((r) => ({
      recipient: r.recipient,
      status: r.status,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      lastError: r.last_error,
    }));
}
