import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { PaymentAccountRow } from "./payment.table.js";
import { findThaiBank } from "./thai-banks.js";

/** An account as an administrator enters it (PY-1, PY-4). */
export interface AccountInput {
  bankCode: string;
  accountNumber: string;
  accountName: string;
  billerId: string;
  compCode: string;
  isDefault: boolean;
}

export interface AdminContext {
  actor: string;
  ip?: string;
  at: Date;
}

const invalid = (field: string) => new AppError("VALIDATION_FAILED", { field }, { field });

/** The row's fields from what was entered; throws VALIDATION_FAILED naming the first wrong field. */
function checkAccount(input: AccountInput) {
  const bank = findThaiBank(input.bankCode);
  if (!bank) throw invalid("bankCode");
  const accountNumber = input.accountNumber.trim();
  const digits = accountNumber.replace(/[-\s]/g, "");
  if (!/^[\d\s-]+$/.test(accountNumber) || digits.length < 10 || digits.length > 15)
    throw invalid("accountNumber");
  const accountName = input.accountName.trim();
  if (accountName.length < 2 || accountName.length > 200) throw invalid("accountName");
  const billerId = input.billerId.trim();
  // PY-4: a Biller ID is the 13-digit tax ID (or the 15 digits a bank assigns with a suffix).
  if (billerId && !/^(?:\d{13}|\d{15})$/.test(billerId)) throw invalid("billerId");
  const compCode = input.compCode.trim();
  if (compCode && !/^\d{3,10}$/.test(compCode)) throw invalid("compCode");
  return {
    bank_code: bank.code,
    bank_name: bank.th,
    account_number: accountNumber,
    account_name: accountName,
    biller_id: billerId || null,
    comp_code: compCode || null,
    is_default: input.isDefault ? 1 : 0,
  };
}

/**
 * PY-1: adds an account (`accountId` undefined) or changes one of the agency's. A default account makes
 * the others not default. Audited with the names of the fields that changed, never their values.
 * Throws VALIDATION_FAILED (with the field), PAYMENT_ACCOUNT_NOT_FOUND.
 */
export async function savePaymentAccount(
  handle: DatabaseHandle,
  agencyId: string,
  accountId: string | undefined,
  input: AccountInput,
  ctx: AdminContext,
): Promise<string> {
  const values = checkAccount(input);
  const now = ctx.at.toISOString();
  return withTransaction(handle, async (trx) => {
    let before: PaymentAccountRow | undefined;
    if (accountId !== undefined) {
      before = await trx
        .selectFrom("payment_accounts")
        .selectAll()
        .where("agency_id", "=", agencyId)
        .where("id", "=", accountId)
        .executeTakeFirst();
      if (!before) throw new AppError("PAYMENT_ACCOUNT_NOT_FOUND");
    }
    const id = before?.id ?? newId();
    if (values.is_default)
      await trx
        .updateTable("payment_accounts")
        .set({ is_default: 0, updated_at: now })
        .where("agency_id", "=", agencyId)
        .where("id", "!=", id)
        .where("is_default", "=", 1)
        .execute();
    if (before) {
      await trx
        .updateTable("payment_accounts")
        .set({ ...values, updated_at: now })
        .where("id", "=", id)
        .execute();
    } else {
      await trx
        .insertInto("payment_accounts")
        .values({
          id,
          agency_id: agencyId,
          ...values,
          callback_secret: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    // PY-1: new notices need an account; the only one or the last default stays the default.
    const anyDefault = await trx
      .selectFrom("payment_accounts")
      .select("id")
      .where("agency_id", "=", agencyId)
      .where("is_default", "=", 1)
      .executeTakeFirst();
    if (!anyDefault) {
      values.is_default = 1;
      await trx.updateTable("payment_accounts").set({ is_default: 1 }).where("id", "=", id).execute();
    }
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => before?.[k] !== values[k]);
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: before ? "payment.account-changed" : "payment.account-added",
      subjectType: "payment_account",
      subjectId: id,
      // The account number and names stay out of the audit row: which fields changed is enough.
      data: { fields: changed.join(",") },
      ip: ctx.ip,
      at: now,
    });
    return id;
  });
}

/**
 * PY-4: a new callback secret for an account, replacing any other (the bank must be given it). Returned
 * once to be shown once; stored sealed. Throws PAYMENT_ACCOUNT_NOT_FOUND.
 */
export async function generateCallbackSecret(
  handle: DatabaseHandle,
  agencyId: string,
  accountId: string,
  ctx: AdminContext,
): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const now = ctx.at.toISOString();
  await withTransaction(handle, async (trx) => {
    const updated = await trx
      .updateTable("payment_accounts")
      .set({ callback_secret: secret, updated_at: now })
      .where("agency_id", "=", agencyId)
      .where("id", "=", accountId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("PAYMENT_ACCOUNT_NOT_FOUND");
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "payment.callback-secret-generated",
      subjectType: "payment_account",
      subjectId: accountId,
      data: {},
      ip: ctx.ip,
      at: now,
    });
  });
  return secret;
}
