import type { Insertable } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { MailMovesTable } from "./mail.table.js";

/*
 * Where the mailbox passes keep their place: which UIDs of a folder were taken, and each copy moved to
 * the processed folder, so that retention deletes only what Borikan moved, counted from the move.
 */

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

/** Each copy moved to the processed folder, where the server put it (UIDPLUS) when it said. */
export async function recordMoves(db: Db, moves: Omit<Insertable<MailMovesTable>, "deleted_at">[]) {
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
