import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { findMatter, recordAction } from "../register/index.js";
import { auditActor } from "../workflow/index.js";
import { thaiFiscalYear } from "./fiscal-year.js";
import type { Satang } from "./money.js";
import type { PaymentNotice } from "./notice.js";
import { findNoticeByRef1, lockNotice } from "./notices.repo.js";
import type { PaymentSource } from "./payment.table.js";
import type { PaymentActor } from "./payment-actor.js";
import { formatEReceiptNumber, nextPaymentNumber } from "./payment-counters.js";

/** Money reported against a notice, by whichever path saw it first. */
export interface PaymentReport {
  agencyId: string;
  /** The notice, when the path knows it (a slip on its matter); else found by `ref1` (the bank's report). */
  noticeId?: string;
  ref1?: string;
  amountSatang: Satang;
  source: PaymentSource;
  /** The bank's own transaction reference, when known. */
  bankReference: string | null;
  paidAt: Date;
  payerName?: string | null;
  /** What proves it: `callback:<id>`, `statement_line:<id>`, `slip:<id>`. */
  evidence: string;
}

export type PaymentOutcome =
  | {
      kind: "recorded";
      paymentId: string;
      notice: PaymentNotice;
      receipt: { id: string; receiptNumber: string; fiscalYear: number };
      /** The matter's action: `record-payment` (moved to paid), `record-part-payment`, or none. */
      matterAction: "record-payment" | "record-part-payment" | null;
    }
  /** Paid before (by this path or another): nothing is written; `paymentId` is the first payment. */
  | { kind: "already-paid"; paymentId: string; notice: PaymentNotice }
  | { kind: "unknown-notice" }
  | { kind: "amount-differs"; notice: PaymentNotice }
  /** Expired or cancelled: money for it goes to the finance queue, not onto the matter. */
  | { kind: "notice-closed"; notice: PaymentNotice };

/**
 * PY-3, PY-4: records money against a notice **once**, inside the caller's transaction. The notice row
 * is locked, so a callback, a statement line and a slip for the same notice queue and the later ones
 * find it paid. In the same transaction: the payment, the notice's new state, the e-receipt's number
 * (gapless per agency and fiscal year, PY-5; the signed document is made after commit), the matter's
 * next step through `recordAction`, and the audit row. Money taken with no application moving cannot be.
 */
export async function recordPayment(
  trx: Db,
  report: PaymentReport,
  actor: PaymentActor,
  at: Date,
): Promise<PaymentOutcome> {
  const found =
    report.noticeId !== undefined
      ? { id: report.noticeId }
      : report.ref1 !== undefined
        ? await findNoticeByRef1(trx, report.agencyId, report.ref1)
        : undefined;
  const notice = found && (await lockNotice(trx, report.agencyId, found.id));
  if (!notice) return { kind: "unknown-notice" };
  if (notice.status === "paid") {
    const first = await trx
      .selectFrom("payments")
      .select("id")
      .where("notice_id", "=", notice.id)
      .executeTakeFirstOrThrow();
    return { kind: "already-paid", paymentId: first.id, notice };
  }
  if (notice.status !== "open") return { kind: "notice-closed", notice };
  if (report.amountSatang !== notice.amountSatang) return { kind: "amount-differs", notice };

  const now = at.toISOString();
  const paymentId = newId();
  await trx
    .insertInto("payments")
    .values({
      id: paymentId,
      agency_id: notice.agencyId,
      notice_id: notice.id,
      matter_id: notice.matterId,
      amount_satang: report.amountSatang,
      source: report.source,
      bank_reference: report.bankReference,
      paid_at: report.paidAt.toISOString(),
      recorded_at: now,
      recorded_by: auditActor(actor),
      payer_name: report.payerName ?? null,
      evidence: report.evidence,
      reviewed_by: null,
      reviewed_at: null,
    })
    .execute();
  await trx
    .updateTable("payment_notices")
    .set({ status: "paid", closed_at: now, version: notice.version + 1 })
    .where("id", "=", notice.id)
    .execute();

  const agency = await findAgency(trx, notice.agencyId);
  const fiscalYear = thaiFiscalYear(at, agency?.timeZone ?? "Asia/Bangkok");
  const sequence = await nextPaymentNumber(trx, notice.agencyId, "e-receipt", fiscalYear);
  const receipt = { id: newId(), receiptNumber: formatEReceiptNumber(fiscalYear, sequence), fiscalYear };
  await trx
    .insertInto("e_receipts")
    .values({
      id: receipt.id,
      agency_id: notice.agencyId,
      payment_id: paymentId,
      notice_id: notice.id,
      matter_id: notice.matterId,
      fiscal_year: fiscalYear,
      sequence,
      receipt_number: receipt.receiptNumber,
      amount_satang: report.amountSatang,
      issued_at: now,
      status: "pending_signature",
      pdf_key: null,
      xml_key: null,
      signed_at: null,
      payer_name: report.payerName ?? null,
      voided_at: null,
      void_reason: null,
    })
    .execute();

  const matterAction = await moveMatterOn(trx, notice, actor, at, { paymentId, receipt });
  await recordAudit(trx, {
    agencyId: notice.agencyId,
    actor: auditActor(actor),
    action: "payment.recorded",
    subjectType: "payment",
    subjectId: paymentId,
    data: {
      noticeId: notice.id,
      matterId: notice.matterId,
      amountSatang: report.amountSatang,
      source: report.source,
      evidence: report.evidence,
      receiptNumber: receipt.receiptNumber,
    },
    at: now,
  });
  const paid = { ...notice, status: "paid" as const, closedAt: at, version: notice.version + 1 };
  return { kind: "recorded", paymentId, notice: paid, receipt, matterAction };
}

/** The matter's next step: paid when no notice it waits for is still open; else a part payment. */
async function moveMatterOn(
  trx: Db,
  notice: PaymentNotice,
  actor: PaymentActor,
  at: Date,
  facts: { paymentId: string; receipt: { id: string; receiptNumber: string } },
): Promise<"record-payment" | "record-part-payment" | null> {
  const matter = await findMatter(trx, notice.agencyId, notice.matterId);
  if (!notice.gatesMatter || matter?.status !== "awaiting_payment") return null;
  const stillOpen = await trx
    .selectFrom("payment_notices")
    .select("id")
    .where("matter_id", "=", notice.matterId)
    .where("gates_matter", "=", 1)
    .where("status", "=", "open")
    .executeTakeFirst();
  const action = stillOpen ? "record-part-payment" : "record-payment";
  await recordAction(trx, {
    agencyId: notice.agencyId,
    subject: { matterId: notice.matterId },
    action,
    payload: {
      noticeId: notice.id,
      paymentId: facts.paymentId,
      receiptId: facts.receipt.id,
      receiptNumber: facts.receipt.receiptNumber,
      amountSatang: notice.amountSatang,
    },
    actor,
    at,
  });
  return action;
}
