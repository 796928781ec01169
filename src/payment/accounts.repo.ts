import type { Db } from "../platform/db/database.js";
import type { PayTo } from "./notice.js";
import type { PaymentAccountRow } from "./payment.table.js";

/** PY-1: the account new notices of an agency are paid into, or undefined when none is set. */
export async function findDefaultAccount(db: Db, agencyId: string): Promise<PaymentAccountRow | undefined> {
  return db
    .selectFrom("payment_accounts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("is_default", "=", 1)
    .executeTakeFirst();
}

/** The accounts of an agency, the default first. */
export async function listAccounts(db: Db, agencyId: string): Promise<PaymentAccountRow[]> {
  return db
    .selectFrom("payment_accounts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("is_default", "desc")
    .orderBy("created_at")
    .execute();
}

/** What a notice prints of an account (the callback secret never leaves the room). */
export const payToOf = (a: PaymentAccountRow): PayTo => ({
  bankCode: a.bank_code,
  bankName: a.bank_name,
  accountNumber: a.account_number,
  accountName: a.account_name,
  billerId: a.biller_id,
  compCode: a.comp_code,
});
