import type { Db } from "../platform/db/database.js";
import type { PaymentNotice } from "./notice.js";
import type { PaymentActor } from "./payment-actor.js";
import { isWellFormedRef1 } from "./payment-counters.js";
import { recordPayment } from "./record-payment.js";
import type { StatementLineRow, StatementLineState } from "./statements.table.js";

const DAY_MS = 24 * 60 * 60_000;
/**
 * PY-3: a line matches a notice only when posted between a day before the notice was issued (a bank's
 * statement date may be the previous business day's cut-off) and three days after it fell due (money
 * paid on the last day reaches the statement a few days later over a weekend or a holiday). Outside,
 * the line waits for the finance officer: it may be a Ref1 mistyped into someone else's.
 */
export const MATCH_WINDOW = { beforeIssueMs: DAY_MS, afterDueMs: 3 * DAY_MS } as const;

/** The auto-matcher acts as the system; who imported the statement is on the statement and its audit row. */
export const RECONCILIATION_ACTOR: PaymentActor = { kind: "system", name: "system:reconciliation" };

/** `70-0000-0012-3` → `70000000123`; the bank may print Ref1 with spaces or dashes. */
export const normaliseRef1 = (text: string | null): string | null => {
  const digits = text?.replace(/\D/g, "") ?? "";
  return isWellFormedRef1(digits) ? digits : null;
};

type Line = Pick<
  StatementLineRow,
  "id" | "agency_id" | "amount_satang" | "ref1" | "bank_reference" | "posted_at" | "payer"
>;

/** What reconciliation made of a line, written with it. */
export interface LineOutcome {
  state: StatementLineState;
  noticeId: string | null;
  paymentId: string | null;
  note: string | null;
}

/**
 * PY-3: matches one new statement line inside the caller's transaction, before the line is stored (so
 * it is written once, with its outcome). A credit whose Ref1 names an open notice of the same amount
 * within the window is recorded through `recordPayment` (the matter moves on, an e-receipt number is
 * taken) → matched; a notice paid by another path → already-paid, linked to that payment; same Ref1,
 * other amount → amount-differs; else unmatched. Debits: ignored. `noticeOf` finds a notice by Ref1
 * (the import looks a batch of them up at once).
 */
export async function reconcileLine(
  trx: Db,
  line: Line,
  at: Date,
  noticeOf: (ref1: string) => Promise<PaymentNotice | undefined>,
): Promise<LineOutcome> {
  const amountSatang = Number(line.amount_satang);
  if (amountSatang <= 0) return { state: "ignored", noticeId: null, paymentId: null, note: "debit" };
  const ref1 = normaliseRef1(line.ref1);
  const notice = ref1 ? await noticeOf(ref1) : undefined;
  const postedAt = new Date(line.posted_at);
  const inWindow =
    notice &&
    postedAt.getTime() >= notice.createdAt.getTime() - MATCH_WINDOW.beforeIssueMs &&
    postedAt.getTime() <= notice.dueAt.getTime() + MATCH_WINDOW.afterDueMs;
  if (!notice || (!inWindow && notice.status !== "paid"))
    return { state: "unmatched", noticeId: notice?.id ?? null, paymentId: null, note: null };
  const outcome = await recordPayment(
    trx,
    {
      agencyId: line.agency_id,
      noticeId: notice.id,
      amountSatang,
      source: "statement",
      bankReference: line.bank_reference,
      paidAt: postedAt,
      payerName: line.payer,
      evidence: `statement_line:${line.id}`,
    },
    RECONCILIATION_ACTOR,
    at,
  );
  const state: StatementLineState =
    outcome.kind === "recorded"
      ? "matched"
      : outcome.kind === "already-paid"
        ? "already-paid"
        : outcome.kind === "amount-differs"
          ? "amount-differs"
          : "unmatched";
  const paymentId = outcome.kind === "recorded" || outcome.kind === "already-paid" ? outcome.paymentId : null;
  return { state, noticeId: notice.id, paymentId, note: null };
}
