import { findServiceVersion, type PaymentTerms } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import { type Db, withTransaction } from "../platform/db/database.js";
import { findMatter, recordAction } from "../register/index.js";
import type { PaymentDeps } from "./payment-deps.js";
import { DEFAULT_PAYMENT_TERMS } from "./request-fees.js";

const SYSTEM = { kind: "system", name: "system:payment" } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Notices looked at per sweep; the rest wait for the next one (every few seconds). */
const BATCH = 100;

/** The manual's payment terms of the matter's service version, else the defaults. */
async function termsOf(db: Db, matterId: string): Promise<PaymentTerms> {
  const application = await findApplicationOfMatter(db, matterId);
  const version = application && (await findServiceVersion(db, application.service_version_id));
  return version?.definition.payment ?? DEFAULT_PAYMENT_TERMS;
}

/**
 * PY-1, TR-2: an open notice within the manual's `remindDaysBefore` of its deadline is reminded once
 * (`remind-payment`, claimed by setting `reminded_at` only where it is still null, so two workers remind
 * once); one past its deadline becomes `expired` and, when it gates a matter still awaiting payment, the
 * manual's outcome (`cancel` or `return`) is recorded by the system in the same transaction.
 * Money that arrives afterwards is the finance queue's (recordPayment answers notice-closed).
 */
export async function sweepNoticeDeadlines(
  deps: PaymentDeps,
  now: Date,
): Promise<{ reminded: number; expired: number }> {
  const { db } = deps.handle;
  const at = now.toISOString();
  let expired = 0;
  const due = await db
    .selectFrom("payment_notices")
    .select(["id", "matter_id", "agency_id", "gates_matter", "ref1", "due_at"])
    .where("status", "=", "open")
    .where("due_at", "<=", at)
    .orderBy("due_at")
    .limit(BATCH)
    .execute();
  for (const notice of due) {
    const terms = await termsOf(db, notice.matter_id);
    const done = await withTransaction(deps.handle, async (trx) => {
      const closed = await trx
        .updateTable("payment_notices")
        .set((eb) => ({ status: "expired", closed_at: at, version: eb("version", "+", 1) }))
        .where("id", "=", notice.id)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) return false;
      const matter = await findMatter(trx, notice.agency_id, notice.matter_id);
      if (Number(notice.gates_matter) === 1 && matter?.status === "awaiting_payment")
        await recordAction(trx, {
          agencyId: notice.agency_id,
          subject: { matterId: notice.matter_id },
          action: terms.whenUnpaid === "returned" ? "return" : "cancel",
          // The applicant is told why (TR-2); the timeline keeps which notice.
          payload: {
            noticeId: notice.id,
            ref1: notice.ref1,
            deadline: notice.due_at,
            text: `ไม่ได้ชำระเงินตามใบแจ้งชำระเงินเลขอ้างอิง ${notice.ref1} ภายในกำหนด / The payment notice ${notice.ref1} was not paid by its deadline`,
          },
          actor: SYSTEM,
          at: now,
        });
      return true;
    });
    if (done) expired++;
  }

  let reminded = 0;
  const open = await db
    .selectFrom("payment_notices")
    .select(["id", "matter_id", "agency_id", "ref1", "amount_satang", "due_at"])
    .where("status", "=", "open")
    .where("reminded_at", "is", null)
    .where("due_at", ">", at)
    .orderBy("due_at")
    .limit(BATCH)
    .execute();
  for (const notice of open) {
    const terms = await termsOf(db, notice.matter_id);
    // Calendar days before the deadline: a reminder is a courtesy, not a legal period.
    if (now.getTime() < new Date(notice.due_at).getTime() - terms.remindDaysBefore * DAY_MS) continue;
    const done = await withTransaction(deps.handle, async (trx) => {
      const claimed = await trx
        .updateTable("payment_notices")
        .set({ reminded_at: at })
        .where("id", "=", notice.id)
        .where("status", "=", "open")
        .where("reminded_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const matter = await findMatter(trx, notice.agency_id, notice.matter_id);
      // remind-payment is an action of a matter awaiting payment; a later fine is shown on its page only.
      if (matter?.status === "awaiting_payment")
        await recordAction(trx, {
          agencyId: notice.agency_id,
          subject: { matterId: notice.matter_id },
          action: "remind-payment",
          payload: {
            noticeId: notice.id,
            ref1: notice.ref1,
            amountSatang: Number(notice.amount_satang),
            deadline: notice.due_at,
          },
          actor: SYSTEM,
          at: now,
        });
      return true;
    });
    if (done) reminded++;
  }
  return { reminded, expired };
}
