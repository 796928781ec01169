import type { Db } from "../platform/db/database.js";
import { isPostgres } from "../platform/db/database.js";
import { noticeFromRow, type PaymentNotice } from "./notice.js";

/** The notices of a matter, oldest first. */
export async function listMatterNotices(db: Db, matterId: string): Promise<PaymentNotice[]> {
  const rows = await db
    .selectFrom("payment_notices")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(noticeFromRow);
}

/** A notice of an agency by id, or undefined. */
export async function findNotice(
  db: Db,
  agencyId: string,
  noticeId: string,
): Promise<PaymentNotice | undefined> {
  const row = await db
    .selectFrom("payment_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", noticeId)
    .executeTakeFirst();
  return row && noticeFromRow(row);
}

/** A notice of an agency by its Ref1 (as the bank reports it), or undefined. */
export async function findNoticeByRef1(
  db: Db,
  agencyId: string,
  ref1: string,
): Promise<PaymentNotice | undefined> {
  const row = await db
    .selectFrom("payment_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("ref1", "=", ref1)
    .executeTakeFirst();
  return row && noticeFromRow(row);
}

/** The notice, locked for the rest of the transaction on PostgreSQL (SQLite's writer already holds the lock). */
export async function lockNotice(
  trx: Db,
  agencyId: string,
  noticeId: string,
): Promise<PaymentNotice | undefined> {
  const query = trx
    .selectFrom("payment_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", noticeId);
  const row = await (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
  return row && noticeFromRow(row);
}
