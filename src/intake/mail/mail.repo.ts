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
    .select(["id", "entry_id"])
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

/** Of these UIDs in a folder, the ones already taken, with when each was moved out (null: not yet). */
export async function knownUids(
  db: Db,
  agencyId: string,
  folder: string,
  uidValidity: string,
  uids: number[],
) {
  const known = new Map<number, string | null>();
  for (let i = 0; i < uids.length; i += 500) {
    const rows = await db
      .selectFrom("mail_messages")
      .select(["uid", "moved_at"])
      .where("agency_id", "=", agencyId)
      .where("folder", "=", folder)
      .where("uid_validity", "=", uidValidity)
      .where("uid", "in", uids.slice(i, i + 500))
      .execute();
    for (const row of rows) known.set(Number(row.uid), row.moved_at);
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
