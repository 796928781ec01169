import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { auditActor } from "../workflow/index.js";
import { findNotice } from "./notices.repo.js";
import type { PaymentActor } from "./payment-actor.js";
import { recordPayment } from "./record-payment.js";
import { findSlip, type PaymentSlip } from "./slips.repo.js";

export interface SlipDecision {
  agencyId: string;
  slipId: string;
  /** The form's view of the slip: a decision on a slip changed since is refused. */
  expectedVersion?: number;
}

/** The slip, pending and as the officer saw it, or the reason it cannot be decided. */
async function pendingSlip(trx: Db, input: SlipDecision): Promise<PaymentSlip> {
  const slip = await findSlip(trx, input.agencyId, input.slipId);
  if (!slip) throw new AppError("SLIP_NOT_FOUND");
  if (slip.state !== "pending") throw new AppError("SLIP_ALREADY_DECIDED");
  if (input.expectedVersion !== undefined && input.expectedVersion !== slip.version)
    throw new AppError("SLIP_ALREADY_DECIDED");
  return slip;
}

/** Marks the slip decided, only if still pending: a parallel decision makes this one roll back. */
async function closeSlip(
  trx: Db,
  slip: PaymentSlip,
  set: { state: "confirmed" | "rejected"; payment_id?: string; notice_id?: string; reason?: string },
  actor: PaymentActor,
  at: Date,
) {
  const result = await trx
    .updateTable("payment_slips")
    .set({ ...set, decided_by: auditActor(actor), decided_at: at.toISOString(), version: slip.version + 1 })
    .where("id", "=", slip.id)
    .where("state", "=", "pending")
    .where("version", "=", slip.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError("SLIP_ALREADY_DECIDED");
}

/**
 * PY-2: the finance officer confirms a slip: the notice is paid through `recordPayment` (source slip,
 * evidence `slip:<id>`, paid when the slip came), with the matter's next step and the e-receipt number,
 * in one transaction with the slip's decision. A notice already paid by the callback or a statement line
 * is not paid twice: the slip is linked to that payment (`linked`). Throws SLIP_NOT_FOUND,
 * SLIP_ALREADY_DECIDED, SLIP_NOTICE_REQUIRED (none picked, or not this matter's), SLIP_AMOUNT_DIFFERS,
 * SLIP_NOTICE_CLOSED.
 */
export async function confirmSlip(
  handle: DatabaseHandle,
  input: SlipDecision & { noticeId?: string },
  actor: PaymentActor,
  at: Date,
): Promise<{ outcome: "recorded" | "linked"; paymentId: string; receiptNumber?: string }> {
  return withTransaction(handle, async (trx) => {
    const slip = await pendingSlip(trx, input);
    const noticeId = slip.noticeId ?? input.noticeId;
    const notice = noticeId ? await findNotice(trx, input.agencyId, noticeId) : undefined;
    if (!notice || notice.matterId !== slip.matterId) throw new AppError("SLIP_NOTICE_REQUIRED");
    const outcome = await recordPayment(
      trx,
      {
        agencyId: input.agencyId,
        noticeId: notice.id,
        // The slip carries no machine-readable amount: the officer confirms the one on the slip is the notice's.
        amountSatang: notice.amountSatang,
        source: "slip",
        bankReference: slip.bankReference,
        paidAt: slip.receivedAt,
        evidence: `slip:${slip.id}`,
      },
      actor,
      at,
    );
    if (outcome.kind === "amount-differs") throw new AppError("SLIP_AMOUNT_DIFFERS");
    if (outcome.kind === "notice-closed") throw new AppError("SLIP_NOTICE_CLOSED");
    if (outcome.kind === "unknown-notice") throw new AppError("SLIP_NOTICE_REQUIRED");
    const paymentId = outcome.paymentId;
    await closeSlip(
      trx,
      slip,
      { state: "confirmed", payment_id: paymentId, notice_id: notice.id },
      actor,
      at,
    );
    const linked = outcome.kind === "already-paid";
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: auditActor(actor),
      action: linked ? "payment.slip-linked" : "payment.slip-confirmed",
      subjectType: "payment_slip",
      subjectId: slip.id,
      data: { matterId: slip.matterId, noticeId: notice.id, paymentId },
      at: at.toISOString(),
    });
    return linked
      ? { outcome: "linked" as const, paymentId }
      : { outcome: "recorded" as const, paymentId, receiptNumber: outcome.receipt.receiptNumber };
  });
}

/**
 * PY-2: the finance officer rejects a slip with a reason, which the applicant's payment page shows; the
 * reason stays out of the audit row (it is free text). Throws SLIP_NOT_FOUND, SLIP_ALREADY_DECIDED.
 */
export async function rejectSlip(
  handle: DatabaseHandle,
  input: SlipDecision & { reason: string },
  actor: PaymentActor,
  at: Date,
): Promise<void> {
  await withTransaction(handle, async (trx) => {
    const slip = await pendingSlip(trx, input);
    await closeSlip(trx, slip, { state: "rejected", reason: input.reason }, actor, at);
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: auditActor(actor),
      action: "payment.slip-rejected",
      subjectType: "payment_slip",
      subjectId: slip.id,
      data: { matterId: slip.matterId },
      at: at.toISOString(),
    });
  });
}
