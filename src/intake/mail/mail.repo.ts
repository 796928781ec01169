import type { Insertable } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { MailMessagesTable, MailOutcome } from "./mail.table.js";

export interface MailLine {
  id: string;
  internalDate: Date;
  from: string | null;
  subject: string | null;
  outcome: MailOutcome;
  reason: string | null;
  size: number;
}

/** Messages by what became of them, newest first: held spam for the check (CH-5, CH-6), automatic mail. */
export async function listMail(
  db: Db,
  agencyId: string,
  outcomes: MailOutcome[],
  limit = 100,
): Promise<MailLine[]> {
  const rows = await db
    .selectFrom("mail_messages")
    .select(["id", "internal_date", "from_address", "raw_from", "subject", "outcome", "reason", "size"])
    .where("agency_id", "=", agencyId)
    .where("outcome", "in", outcomes)
    .orderBy("internal_date", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    internalDate: new Date(r.internal_date),
    // A From that named no valid address is shown as received (a bounce's "Mail Delivery Subsystem").
    from: r.from_address ?? r.raw_from,
    subject: r.subject,
    outcome: r.outcome,
    reason: r.reason,
    size: Number(r.size),
  }));
}

export async function countHeld(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom("mail_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("outcome", "=", "held")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The raw message an entry was registered from (RG-4), if it came by mail. */
export async function findRawOfEntry(db: Db, agencyId: string, entryId: string) {
  return db
    .selectFrom("mail_messages")
    .select(["id", "raw_key"])
    .where("agency_id", "=", agencyId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
}

export type NewMailMessage = Insertable<MailMessagesTable>;

/** The row a message already has: same sender and Message-ID, or the same bytes (see dedupeKeyOf). */
export async function findMailByDedupeKey(db: Db, agencyId: string, dedupeKey: string) {
  return db
    .selectFrom("mail_messages")
    .select(["id", "entry_id", "raw_sha256"])
    .where("agency_id", "=", agencyId)
    .where("dedupe_key", "=", dedupeKey)
    .executeTakeFirst();
}

export async function insertMailMessage(trx: Db, row: NewMailMessage): Promise<void> {
  await trx.insertInto("mail_messages").values(row).execute();
}

export async function findMailMessage(db: Db, agencyId: string, id: string) {
  return db
    .selectFrom("mail_messages")
    .selectAll()
    .where("id", "=", id)
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
}

/**
 * Records an officer's decision on a mail waiting without an entry (held as spam, CH-6; a possible
 * duplicate, RG-4), only if it still waits: returns false when another officer decided first.
 * `forgetRaw` clears the raw message's key (held spam deleted for good).
 */
export async function decideWaitingMail(
  trx: Db,
  id: string,
  waiting: "held" | "possible-duplicate",
  decision: { outcome: MailOutcome; entryId?: string; forgetRaw?: boolean; by: string; at: string },
): Promise<boolean> {
  const updated = await trx
    .updateTable("mail_messages")
    .set({
      outcome: decision.outcome,
      decided_by: decision.by,
      decided_at: decision.at,
      ...(decision.entryId ? { entry_id: decision.entryId } : {}),
      ...(decision.forgetRaw ? { raw_key: null } : {}),
    })
    .where("id", "=", id)
    .where("outcome", "=", waiting)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** RG-4: mail waiting as a possible duplicate, with the earlier mail it shares its Message-ID with. */
export async function listPossibleDuplicates(db: Db, agencyId: string, limit = 100) {
  const rows = await db
    .selectFrom("mail_messages as m")
    .leftJoin("mail_messages as e", "e.id", "m.duplicate_of")
    .select([
      "m.id",
      "m.internal_date",
      "m.from_address",
      "m.subject",
      "m.size",
      "e.id as earlier_id",
      "e.internal_date as earlier_internal_date",
      "e.entry_id as earlier_entry_id",
    ])
    .where("m.agency_id", "=", agencyId)
    .where("m.outcome", "=", "possible-duplicate")
    .orderBy("m.internal_date", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    internalDate: new Date(r.internal_date),
    from: r.from_address,
    subject: r.subject,
    size: Number(r.size),
    earlier: r.earlier_id
      ? {
          id: r.earlier_id,
          internalDate: new Date(r.earlier_internal_date!),
          entryId: r.earlier_entry_id,
        }
      : undefined,
  }));
}
export type PossibleDuplicateLine = Awaited<ReturnType<typeof listPossibleDuplicates>>[number];

export async function countPossibleDuplicates(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom("mail_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("outcome", "=", "possible-duplicate")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether Borikan ever recorded a mail for this agency (a first connection has none). */
export async function hasAnyMail(db: Db, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom("mail_messages")
    .select("id")
    .where("agency_id", "=", agencyId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
