import type { DatabaseHandle, Db } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { type BankNotification, billerIdOf, readNotification } from "./bank-notification.js";
import {
  findAcceptedNotification,
  findAccountByBillerId,
  insertNotificationOnce,
  type NewBankNotification,
} from "./bank-notifications.repo.js";
import type { NotificationOutcome } from "./bank-notifications.table.js";
import { checkNotificationSignature } from "./bank-signature.js";
import { type PaymentOutcome, recordPayment } from "./record-payment.js";

/** The bank's callback as it arrived: the raw bytes (the signature covers them) and the two headers. */
export interface IncomingNotification {
  agencyId: string;
  body: Buffer;
  signature: unknown;
  timestamp: unknown;
}

export type NotificationAnswer =
  /** Stored and acknowledged: the bank stops sending. `confirmId` is the first notification's id. */
  | { kind: "acknowledged"; confirmId: string; transactionId: string; outcome: NotificationOutcome }
  /** Not proved to come from the bank (or no secret set to prove it with): 401, the bank may retry. */
  | { kind: "unauthenticated"; reason: "not-configured" | "bad-signature" }
  | { kind: "malformed"; field: string };

const BANK = { kind: "system", name: "system:bank-callback" } as const;

const OUTCOME_OF: Record<PaymentOutcome["kind"], NotificationOutcome> = {
  recorded: "recorded",
  "already-paid": "already-paid",
  "unknown-notice": "unknown-reference",
  "amount-differs": "amount-differs",
  "notice-closed": "notice-closed",
};

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * PY-4: takes a bank's bill-payment notification. Every one is stored. A signed, well-formed one is
 * stored and put through `recordPayment` in ONE transaction (so the notification, the payment and the
 * matter's next step stand or fall together), and acknowledged whatever it found: the bank has taken
 * the money, so an unknown Ref1, a different amount or a closed notice is kept for the finance queue
 * instead of being refused forever. The same bank transaction again gets the first one's confirmId
 * and records nothing. An unsigned one is stored as `bad-signature` with none of its claims read as facts.
 */
export async function receiveBankNotification(
  handle: DatabaseHandle,
  incoming: IncomingNotification,
  now: Date,
): Promise<NotificationAnswer> {
  const base = {
    agency_id: incoming.agencyId,
    received_at: now.toISOString(),
    raw_body: incoming.body.toString("utf8"),
  };
  const refuse = async (outcome: "bad-signature" | "malformed", signatureOk: boolean, accountId?: string) => {
    await handle.db
      .insertInto("bank_notifications")
      .values(
        emptyRow({ ...base, id: newId(), outcome, signature_ok: signatureOk ? 1 : 0, account_id: accountId }),
      )
      .execute();
  };

  const parsed = parseJson(incoming.body);
  const billerId = billerIdOf(parsed);
  if (!billerId) {
    await refuse("malformed", false);
    return { kind: "malformed", field: parsed === undefined ? "body" : "billerId" };
  }
  const account = await findAccountByBillerId(handle.db, incoming.agencyId, billerId);
  if (!account?.callbackSecret) {
    await refuse("bad-signature", false);
    return { kind: "unauthenticated", reason: "not-configured" };
  }
  const check = checkNotificationSignature(account.callbackSecret, incoming, incoming.body, now);
  if (check !== "ok") {
    await refuse("bad-signature", false);
    return { kind: "unauthenticated", reason: "bad-signature" };
  }
  const read = readNotification(parsed);
  if (!read.ok) {
    await refuse("malformed", true, account.id);
    return { kind: "malformed", field: read.field };
  }
  const n = read.notification;
  return withTransaction(handle, (trx) => takeNotification(trx, { ...base, account_id: account.id }, n, now));
}

async function takeNotification(
  trx: Db,
  base: { agency_id: string; received_at: string; raw_body: string; account_id: string },
  n: BankNotification,
  now: Date,
): Promise<NotificationAnswer> {
  const id = newId();
  const claims = {
    transaction_id: n.transactionId,
    ref1: n.ref1,
    ref2: n.ref2,
    amount_satang: n.amountSatang,
    paid_at: n.paidAt.toISOString(),
    payer_name: n.payerName,
    payer_bank: n.payerBank,
    channel: n.channel,
    signature_ok: 1,
  };
  const first = await insertNotificationOnce(trx, {
    ...emptyRow({ ...base, id, outcome: "recorded", signature_ok: 1 }),
    ...claims,
    accepted_transaction_id: n.transactionId,
  });
  if (!first) {
    const earlier = await findAcceptedNotification(trx, base.agency_id, base.account_id, n.transactionId);
    if (!earlier) throw new Error("bank notification: accepted row vanished");
    await trx
      .insertInto("bank_notifications")
      .values({
        ...emptyRow({ ...base, id, outcome: "duplicate", signature_ok: 1 }),
        ...claims,
        duplicate_of: earlier.id,
      })
      .execute();
    return {
      kind: "acknowledged",
      confirmId: earlier.id,
      transactionId: n.transactionId,
      outcome: "duplicate",
    };
  }
  const result = await recordPayment(
    trx,
    {
      agencyId: base.agency_id,
      ref1: n.ref1,
      amountSatang: n.amountSatang,
      source: "callback",
      bankReference: n.transactionId,
      paidAt: n.paidAt,
      payerName: n.payerName,
      evidence: `callback:${id}`,
    },
    BANK,
    now,
  );
  const outcome = OUTCOME_OF[result.kind];
  const paymentId = result.kind === "recorded" || result.kind === "already-paid" ? result.paymentId : null;
  // The same money seen first by another path (a statement line, a slip) with this very bank reference
  // is no second payment: nothing for the finance queue.
  const sameMoney =
    result.kind === "already-paid" &&
    (
      await trx
        .selectFrom("payments")
        .select("bank_reference")
        .where("id", "=", result.paymentId)
        .executeTakeFirst()
    )?.bank_reference === n.transactionId;
  await trx
    .updateTable("bank_notifications")
    .set({
      outcome,
      payment_id: paymentId,
      ...(sameMoney ? { resolved_at: now.toISOString(), resolved_by: BANK.name } : {}),
    })
    .where("id", "=", id)
    .execute();
  return { kind: "acknowledged", confirmId: id, transactionId: n.transactionId, outcome };
}

function emptyRow(
  row: Pick<NewBankNotification, "id" | "agency_id" | "received_at" | "raw_body" | "outcome"> & {
    signature_ok: number;
    account_id?: string;
  },
): NewBankNotification {
  return {
    transaction_id: null,
    accepted_transaction_id: null,
    ref1: null,
    ref2: null,
    amount_satang: null,
    paid_at: null,
    payer_name: null,
    payer_bank: null,
    channel: null,
    payment_id: null,
    duplicate_of: null,
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
    ...row,
    account_id: row.account_id ?? null,
  };
}
