import { recordAudit } from "../audit/index.js";
import { addDays, type BusinessCalendar, isBusinessDay, isValidDate } from "../calendar/index.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { auditActor } from "../workflow/index.js";
import { businessDaysBetween, checkWindow, previousBusinessDay, todayOf } from "./business-days.js";
import type { PaymentSource } from "./payment.table.js";
import type { PaymentActor } from "./payment-actor.js";

/** A receipt of money as the daily check lists it. */
export interface DayPayment {
  id: string;
  ref1: string;
  amountSatang: number;
  source: PaymentSource;
  paidAt: Date;
  recordedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

/** The receipts of money a business day's check covers (see `checkWindow`), in the order recorded. */
export async function listDayPayments(
  db: Db,
  cal: BusinessCalendar,
  agencyId: string,
  date: string,
): Promise<DayPayment[]> {
  const { from, to } = checkWindow(cal, date);
  const rows = await db
    .selectFrom("payments")
    .innerJoin("payment_notices", "payment_notices.id", "payments.notice_id")
    .select([
      "payments.id",
      "payment_notices.ref1",
      "payments.amount_satang",
      "payments.source",
      "payments.paid_at",
      "payments.recorded_at",
      "payments.reviewed_by",
      "payments.reviewed_at",
    ])
    .where("payments.agency_id", "=", agencyId)
    .where("payments.recorded_at", ">=", from.toISOString())
    .where("payments.recorded_at", "<", to.toISOString())
    .orderBy("payments.recorded_at")
    .orderBy("payments.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ref1: r.ref1,
    amountSatang: Number(r.amount_satang),
    source: r.source,
    paidAt: new Date(r.paid_at),
    recordedAt: new Date(r.recorded_at),
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
  }));
}

/** A past business day of the agency's calendar, or DAILY_CHECK_NOT_BUSINESS_DAY. */
export function pastBusinessDay(cal: BusinessCalendar, date: string, now: Date): string {
  if (!isValidDate(date) || !isBusinessDay(cal, date) || date >= todayOf(cal, now).today)
    throw new AppError("DAILY_CHECK_NOT_BUSINESS_DAY");
  return date;
}

/**
 * PY-3: the finance officer marks receipts of money reviewed: those named, or (none named) every one of
 * the business day `date`. Already reviewed ones keep their first reviewer. Audited by ids. Returns how
 * many it marked.
 */
export async function reviewPayments(
  handle: DatabaseHandle,
  input: { agencyId: string; cal: BusinessCalendar; date?: string; paymentIds?: string[] },
  actor: PaymentActor,
  at: Date,
): Promise<number> {
  return withTransaction(handle, async (trx) => {
    let query = trx
      .updateTable("payments")
      .set({ reviewed_by: auditActor(actor), reviewed_at: at.toISOString() })
      .where("agency_id", "=", input.agencyId)
      .where("reviewed_at", "is", null);
    if (input.paymentIds) {
      if (input.paymentIds.length === 0) return 0;
      query = query.where("id", "in", input.paymentIds);
    } else if (input.date) {
      const { from, to } = checkWindow(input.cal, input.date);
      query = query
        .where("recorded_at", ">=", from.toISOString())
        .where("recorded_at", "<", to.toISOString());
    } else return 0;
    const marked = Number((await query.executeTakeFirst()).numUpdatedRows);
    if (input.paymentIds && marked === 0) {
      const known = await trx
        .selectFrom("payments")
        .select("id")
        .where("agency_id", "=", input.agencyId)
        .where("id", "in", input.paymentIds)
        .executeTakeFirst();
      if (!known) throw new AppError("PAYMENT_NOT_FOUND");
    }
    if (marked > 0)
      await recordAudit(trx, {
        agencyId: input.agencyId,
        actor: auditActor(actor),
        action: "payment.reviewed",
        subjectType: "payment",
        subjectId: input.paymentIds?.[0] ?? input.date ?? "",
        data: { count: marked, date: input.date ?? null, paymentIds: input.paymentIds ?? [] },
        at: at.toISOString(),
      });
    return marked;
  });
}

/**
 * PY-3: records that every receipt of money of business day `date` was reviewed — refused while any is
 * not (DAILY_CHECK_UNREVIEWED), once per day (DAILY_CHECK_DONE), only for a past business day
 * (DAILY_CHECK_NOT_BUSINESS_DAY). Audited.
 */
export async function recordDailyCheck(
  handle: DatabaseHandle,
  input: { agencyId: string; cal: BusinessCalendar; date: string; note: string | null },
  actor: PaymentActor,
  at: Date,
): Promise<{ paymentsCount: number }> {
  const date = pastBusinessDay(input.cal, input.date, at);
  return withTransaction(handle, async (trx) => {
    const payments = await listDayPayments(trx, input.cal, input.agencyId, date);
    const unreviewed = payments.filter((p) => !p.reviewedAt).length;
    if (unreviewed > 0) throw new AppError("DAILY_CHECK_UNREVIEWED", { count: unreviewed });
    const id = newId();
    const result = await trx
      .insertInto("finance_daily_checks")
      .values({
        id,
        agency_id: input.agencyId,
        business_date: date,
        checked_by: auditActor(actor),
        checked_at: at.toISOString(),
        payments_count: payments.length,
        note: input.note,
      })
      .onConflict((oc) => oc.columns(["agency_id", "business_date"]).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw new AppError("DAILY_CHECK_DONE");
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: auditActor(actor),
      action: "finance.daily-check",
      subjectType: "finance_daily_check",
      subjectId: id,
      data: { businessDate: date, paymentsCount: payments.length },
      at: at.toISOString(),
    });
    return { paymentsCount: payments.length };
  });
}

export interface DailyCheckStatus {
  /** The previous business day, and its check when recorded. */
  due: string;
  done: { checkedAt: Date; paymentsCount: number } | undefined;
  /** PY-3: the previous business day is still unchecked after today's business hours. */
  late: boolean;
  /** PY-3: earlier business days of the last 30 days left unchecked (since money was first asked for). */
  missing: string[];
}

/** PY-3: where the daily check stands today, for the finance home's alert. */
export async function dailyCheckStatus(
  db: Db,
  cal: BusinessCalendar,
  agencyId: string,
  now: Date,
): Promise<DailyCheckStatus> {
  const { today, afterHours } = todayOf(cal, now);
  const due = previousBusinessDay(cal, today);
  const checks = await db
    .selectFrom("finance_daily_checks")
    .select(["business_date", "checked_at", "payments_count"])
    .where("agency_id", "=", agencyId)
    .where("business_date", ">=", addDays(today, -31))
    .execute();
  const byDate = new Map(checks.map((c) => [c.business_date, c]));
  const done = byDate.get(due);
  // Days before the agency first asked for money have nothing to check: an install does not start late.
  const first = await db
    .selectFrom("payment_notices")
    .select((eb) => eb.fn.min("created_at").as("first"))
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  const firstDay = first?.first ? todayOf(cal, new Date(String(first.first))).today : undefined;
  const since = firstDay && firstDay > addDays(today, -30) ? firstDay : addDays(today, -30);
  const missing = firstDay ? businessDaysBetween(cal, since, due).filter((d) => !byDate.has(d)) : [];
  return {
    due,
    done: done && { checkedAt: new Date(done.checked_at), paymentsCount: Number(done.payments_count) },
    late: !done && afterHours && firstDay !== undefined && firstDay <= due,
    missing,
  };
}
