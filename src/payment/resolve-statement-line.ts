import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Role } from "../staff/index.js";
import { formatBaht } from "./money.js";
import { findNoticeByRef1 } from "./notices.repo.js";
import { normaliseRef1 } from "./reconcile-statement.js";
import { recordPayment } from "./record-payment.js";
import { lockStatementLine, setLineOutcome } from "./statements.repo.js";

/** A finance officer acting on the queue (PY-3); the route has checked the role and the step-up. */
export interface FinanceOfficer {
  staffId: string;
  roles: readonly Role[];
  ip?: string;
}

const OPEN_STATES = ["unmatched", "amount-differs"];

async function openLine(trx: Parameters<typeof lockStatementLine>[0], agencyId: string, lineId: string) {
  const line = await lockStatementLine(trx, agencyId, lineId);
  if (!line) throw new AppError("STATEMENT_LINE_NOT_FOUND");
  if (!OPEN_STATES.includes(line.state) || Number(line.amount_satang) <= 0)
    throw new AppError("STATEMENT_LINE_RESOLVED");
  return line;
}

/**
 * PY-3: the finance officer matches a queued line to a notice by its Ref1, through `recordPayment` (the
 * one way money is recorded). Only an equal amount is matched: a different one is refused, whatever
 * the reason given. A notice paid by another path marks the line already-paid (money twice, for a
 * refund), never a second payment. Throws STATEMENT_LINE_NOT_FOUND, STATEMENT_LINE_RESOLVED,
 * STATEMENT_NOTICE_NOT_FOUND, STATEMENT_NOTICE_CLOSED, STATEMENT_AMOUNT_DIFFERS, STATEMENT_REASON_REQUIRED.
 */
export async function matchStatementLine(
  handle: DatabaseHandle,
  input: { agencyId: string; lineId: string; ref1: string; reason: string },
  officer: FinanceOfficer,
  at: Date,
): Promise<{ kind: "recorded"; receiptNumber: string } | { kind: "already-paid" }> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("STATEMENT_REASON_REQUIRED");
  const ref1 = normaliseRef1(input.ref1);
  return withTransaction(handle, async (trx) => {
    const line = await openLine(trx, input.agencyId, input.lineId);
    const notice = ref1 ? await findNoticeByRef1(trx, input.agencyId, ref1) : undefined;
    if (!notice) throw new AppError("STATEMENT_NOTICE_NOT_FOUND");
    const actor = { kind: "staff" as const, staffId: officer.staffId, roles: officer.roles };
    const outcome = await recordPayment(
      trx,
      {
        agencyId: input.agencyId,
        noticeId: notice.id,
        amountSatang: Number(line.amount_satang),
        source: "statement",
        bankReference: line.bank_reference,
        paidAt: new Date(line.posted_at),
        payerName: line.payer,
        evidence: `statement_line:${line.id}`,
      },
      actor,
      at,
    );
    if (outcome.kind === "amount-differs")
      throw new AppError("STATEMENT_AMOUNT_DIFFERS", { notice: formatBaht(notice.amountSatang) });
    if (outcome.kind === "notice-closed") throw new AppError("STATEMENT_NOTICE_CLOSED");
    if (outcome.kind === "unknown-notice") throw new AppError("STATEMENT_NOTICE_NOT_FOUND");
    const state = outcome.kind === "recorded" ? "matched" : "already-paid";
    const now = at.toISOString();
    const by = `staff:${officer.staffId}`;
    await setLineOutcome(trx, line, {
      state,
      noticeId: notice.id,
      paymentId: outcome.paymentId,
      resolvedBy: by,
      resolvedAt: now,
      note: reason.slice(0, 500),
    });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: by,
      action: "payment.statement-line-matched",
      subjectType: "statement_line",
      subjectId: line.id,
      data: { noticeId: notice.id, paymentId: outcome.paymentId, state },
      ip: officer.ip,
      at: now,
    });
    return outcome.kind === "recorded"
      ? { kind: "recorded", receiptNumber: outcome.receipt.receiptNumber }
      : { kind: "already-paid" };
  });
}

/** PY-3: the finance officer sets a queued line aside (not a fee, a transfer between accounts) with a reason. */
export async function ignoreStatementLine(
  handle: DatabaseHandle,
  input: { agencyId: string; lineId: string; reason: string },
  officer: FinanceOfficer,
  at: Date,
): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("STATEMENT_REASON_REQUIRED");
  await withTransaction(handle, async (trx) => {
    const line = await openLine(trx, input.agencyId, input.lineId);
    const now = at.toISOString();
    const by = `staff:${officer.staffId}`;
    await setLineOutcome(trx, line, {
      state: "ignored",
      noticeId: line.notice_id,
      resolvedBy: by,
      resolvedAt: now,
      note: reason.slice(0, 500),
    });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: by,
      action: "payment.statement-line-ignored",
      subjectType: "statement_line",
      subjectId: line.id,
      data: {},
      ip: officer.ip,
      at: now,
    });
  });
}
