import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, recordAction } from "../register/index.js";
import { auditActor } from "../workflow/index.js";
import { issuePaymentNotice } from "./issue-payment-notice.js";
import type { NoticeLine, PaymentNotice } from "./notice.js";
import { lockNotice } from "./notices.repo.js";
import type { NoticeKind } from "./payment.table.js";
import type { PaymentActor } from "./payment-actor.js";

/**
 * PY-1: a further notice on a matter awaiting payment (a fine, another fee), issued by a finance officer:
 * its own Ref1, gating the matter, and `add-payment-notice` on the timeline (the applicant is told, TR-2).
 * Throws MATTER_NOT_FOUND, or the status table's refusal when the matter is not awaiting payment.
 */
export async function addPaymentNotice(
  handle: DatabaseHandle,
  input: { agencyId: string; matterId: string; kind: NoticeKind; lines: NoticeLine[]; dueAt: Date },
  actor: PaymentActor,
  at: Date,
): Promise<PaymentNotice> {
  return withTransaction(handle, async (trx) => {
    const matter = await findMatter(trx, input.agencyId, input.matterId);
    if (!matter) throw new AppError("MATTER_NOT_FOUND");
    const notice = await issuePaymentNotice(trx, { ...input, gatesMatter: true }, actor, at);
    await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: input.matterId },
      action: "add-payment-notice",
      payload: {
        noticeId: notice.id,
        ref1: notice.ref1,
        amountSatang: notice.amountSatang,
        deadline: notice.dueAt.toISOString(),
      },
      actor,
      at,
    });
    return notice;
  });
}

/**
 * PY-1: an open notice cancelled by a finance officer with a reason (audited; the reason stays in the
 * audit row, the person only by id). Throws PAYMENT_NOTICE_NOT_FOUND, PAYMENT_NOTICE_NOT_OPEN.
 */
export async function cancelPaymentNotice(
  handle: DatabaseHandle,
  input: { agencyId: string; matterId: string; noticeId: string; reason: string },
  actor: PaymentActor,
  at: Date,
): Promise<void> {
  await withTransaction(handle, async (trx) => {
    const notice = await lockNotice(trx, input.agencyId, input.noticeId);
    if (!notice || notice.matterId !== input.matterId) throw new AppError("PAYMENT_NOTICE_NOT_FOUND");
    if (notice.status !== "open") throw new AppError("PAYMENT_NOTICE_NOT_OPEN");
    const done = await trx
      .updateTable("payment_notices")
      .set({ status: "cancelled", closed_at: at.toISOString(), version: notice.version + 1 })
      .where("id", "=", notice.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError("PAYMENT_NOTICE_NOT_OPEN");
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: auditActor(actor),
      action: "payment.cancel-notice",
      subjectType: "payment_notice",
      subjectId: notice.id,
      data: { matterId: notice.matterId, ref1: notice.ref1, reason: input.reason },
      at: at.toISOString(),
    });
  });
}
