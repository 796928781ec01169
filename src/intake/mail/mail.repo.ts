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
 * Records an officer's decision on a held message, only if it is still held: returns false when another
 * officer decided first.
 */
export async function decideHeldMail(
  trx: Db,
  id: string,
  decision: { outcome: "released" | "deleted"; entryId?: string; by: string; at: string },
): Promise<boolean> {
  const updated = await trx
    .updateTable("mail_messages")
    .set({
      outcome: decision.outcome,
      decided_by: decision.by,
      decided_at: decision.at,
      ...(decision.outcome === "released" ? { entry_id: decision.entryId ?? null } : { raw_key: null }),
    })
    .where("id", "=", id)
    .where("outcome", "=", "held")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Of these UIDs in a folder, the ones already taken: their row, and when moved out (null: not yet). */
export async function knownUids(
  db: Db,
  agencyId: string,
  folder: string,
  uidValidity: string,
  uids: number[],
) {
  const known = new Map<number, { id: string; messageId: string | null; movedAt: string | null }>();
  for (let i = 0; i < uids.length; i += 500) {
    const rows = await db
      .selectFrom("mail_messages")
      .select(["id", "uid", "message_id", "moved_at"])
      .where("agency_id", "=", agencyId)
      .where("folder", "=", folder)
      .where("uid_validity", "=", uidValidity)
      .where("uid", "in", uids.slice(i, i + 500))
      .execute();
    for (const row of rows)
      known.set(Number(row.uid), { id: row.id, messageId: row.message_id, movedAt: row.moved_at });
  }
  return known;
}

export async function markMoved(
  db: Db,
  agencyId: string,
  folder: string,
  uidValidity: string,
  uids: number[],
  at: string,
) {
  for (let i = 0; i < uids.length; i += 500) {
    await db
      .updateTable("mail_messages")
      .set({ moved_at: at })
      .where("agency_id", "=", agencyId)
      .where("folder", "=", folder)
      .where("uid_validity", "=", uidValidity)
      .where("uid", "in", uids.slice(i, i + 500))
      .execute();
  }
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

/**
 * Records an officer's decision on a possible duplicate, only if it still waits: returns false when
 * another officer decided first. Dismissed, its bytes stay: it is kept as received (RG-4).
 */
export async function decidePossibleDuplicate(
  trx: Db,
  id: string,
  decision: { outcome: "registered" | "dismissed"; entryId?: string; by: string; at: string },
): Promise<boolean> {
  const updated = await trx
    .updateTable("mail_messages")
    .set({
      outcome: decision.outcome,
      entry_id: decision.entryId ?? null,
      decided_by: decision.by,
      decided_at: decision.at,
    })
    .where("id", "=", id)
    .where("outcome", "=", "possible-duplicate")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Each copy moved to the processed folder, where the server put it (UIDPLUS) when it said. */
export async function recordMoves(
  db: Db,
  moves: {
    id: string;
    agency_id: string;
    mail_message_id: string;
    message_id: string | null;
    folder: string;
    uid_validity: string | null;
    uid: number | null;
    moved_at: string;
  }[],
) {
  for (let i = 0; i < moves.length; i += 200) {
    await db
      .insertInto("mail_moves")
      .values(moves.slice(i, i + 200))
      .execute();
  }
}

/** The UID each moved copy has in the processed folder, as the server said (UIDPLUS COPYUID). */
export async function setMovedUids(db: Db, copies: { id: string; uid: number; uidValidity: string }[]) {
  for (const copy of copies) {
    await db
      .updateTable("mail_moves")
      .set({ uid: copy.uid, uid_validity: copy.uidValidity })
      .where("id", "=", copy.id)
      .execute();
  }
}

/** A move that failed is no move: its rows go (the message stays where it was, for the next pass). */
export async function forgetMoves(db: Db, ids: string[]) {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .deleteFrom("mail_moves")
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
  }
}

/** Moves into this folder whose retention has run out and that are not deleted yet. */
export async function movesDue(db: Db, agencyId: string, folder: string, movedBefore: string) {
  return (
    db
      .selectFrom("mail_moves as v")
      .leftJoin("mail_messages as m", "m.id", "v.mail_message_id")
      // The moved copy's size is its row's (a byte-identical duplicate's row is the earlier one's).
      .select(["v.id", "v.message_id", "v.uid_validity", "v.uid", "m.size"])
      .where("v.agency_id", "=", agencyId)
      .where("v.folder", "=", folder)
      .where("v.deleted_at", "is", null)
      .where("v.moved_at", "<", movedBefore)
      .orderBy("v.moved_at")
      .limit(5000)
      .execute()
  );
}

export async function markMovesDeleted(db: Db, ids: string[], at: string) {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable("mail_moves")
      .set({ deleted_at: at })
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
  }
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
