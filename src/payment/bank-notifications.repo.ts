import type { Db } from "../platform/db/database.js";
import type { BankNotificationRow, BankNotificationsTable } from "./bank-notifications.table.js";

export type NewBankNotification = BankNotificationsTable;

/** The payment account whose Biller ID a bank notification names, with its (opened) callback secret. */
export async function findAccountByBillerId(
  db: Db,
  agencyId: string,
  billerId: string,
): Promise<{ id: string; callbackSecret: string | null } | undefined> {
  const row = await db
    .selectFrom("payment_accounts")
    .select(["id", "callback_secret"])
    .where("agency_id", "=", agencyId)
    .where("biller_id", "=", billerId)
    .orderBy("is_default", "desc")
    .orderBy("created_at")
    .executeTakeFirst();
  return row && { id: row.id, callbackSecret: row.callback_secret };
}

/** Stores a notification; false when it is accepted already (the same bank transaction was taken). */
export async function insertNotificationOnce(trx: Db, row: NewBankNotification): Promise<boolean> {
  const result = await trx
    .insertInto("bank_notifications")
    .values(row)
    .onConflict((oc) => oc.columns(["agency_id", "account_id", "accepted_transaction_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The first accepted notification of a bank transaction on an account. */
export async function findAcceptedNotification(
  db: Db,
  agencyId: string,
  accountId: string,
  transactionId: string,
): Promise<BankNotificationRow | undefined> {
  return db
    .selectFrom("bank_notifications")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("account_id", "=", accountId)
    .where("accepted_transaction_id", "=", transactionId)
    .executeTakeFirst();
}

/** Outcomes that mean the bank took money Borikan could not put on a notice: the finance queue's. */
export const UNRESOLVED_OUTCOMES = [
  "unknown-reference",
  "amount-differs",
  "notice-closed",
  "already-paid",
] as const;

/** A notification the finance officer must settle: money the bank took that paid no notice (PY-3, PY-4). */
export interface UnresolvedNotification {
  id: string;
  receivedAt: Date;
  accountId: string | null;
  transactionId: string | null;
  ref1: string | null;
  ref2: string | null;
  amountSatang: number | null;
  paidAt: Date | null;
  outcome: (typeof UNRESOLVED_OUTCOMES)[number];
  /** For `already-paid`: the payment that was recorded first for the notice. */
  paymentId: string | null;
}

/**
 * PY-3, PY-4: the agency's accepted bank notifications that paid nothing and are not yet settled, oldest
 * first: an unknown Ref1, a different amount, a closed notice, or a second payment of a paid notice.
 * The statements part's finance queue shows them beside the statement lines.
 */
export async function listUnresolvedNotifications(
  db: Db,
  agencyId: string,
): Promise<UnresolvedNotification[]> {
  const rows = await db
    .selectFrom("bank_notifications")
    .select(["id", "received_at", "account_id", "transaction_id", "ref1", "ref2", "amount_satang", "paid_at"])
    .select(["outcome", "payment_id"])
    .where("agency_id", "=", agencyId)
    .where("outcome", "in", [...UNRESOLVED_OUTCOMES])
    .where("resolved_at", "is", null)
    .orderBy("received_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receivedAt: new Date(r.received_at),
    accountId: r.account_id,
    transactionId: r.transaction_id,
    ref1: r.ref1,
    ref2: r.ref2,
    amountSatang: r.amount_satang === null ? null : Number(r.amount_satang),
    paidAt: r.paid_at ? new Date(r.paid_at) : null,
    outcome: r.outcome as UnresolvedNotification["outcome"],
    paymentId: r.payment_id,
  }));
}
