import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isValidDate, loadBusinessCalendar, toLocal } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { previousBusinessDay } from "./business-days.js";
import { dailyCheckStatus, listDayPayments, recordDailyCheck, reviewPayments } from "./daily-check.js";
import { financeDayView, financeHomeView } from "./finance-home.view.js";
import type { PaymentDeps } from "./payment-deps.js";
import { countPendingSlips } from "./slips.repo.js";
import { FINANCE_ROLES } from "./slips-office.routes.js";

/** The agency's open notices and receipts of money not yet reviewed, for the finance home. */
async function moneyCounts(deps: PaymentDeps, agencyId: string) {
  const db = deps.handle.db;
  const open = await db
    .selectFrom("payment_notices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("status", "=", "open")
    .executeTakeFirst();
  const unreviewed = await db
    .selectFrom("payments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("reviewed_at", "is", null)
    .executeTakeFirst();
  return {
    openNotices: Number(open?.n ?? 0),
    pendingSlips: await countPendingSlips(db, agencyId),
    unreviewed: Number(unreviewed?.n ?? 0),
  };
}

const dateField = (value: unknown): string => {
  const date = formString(value, "date", 10);
  if (!isValidDate(date)) throw new AppError("VALIDATION_FAILED", { detail: "date" }, { field: "date" });
  return date;
};

/**
 * PY-3: the finance home `/office/finance` (counts, the daily check and its alert), the receipts of a
 * business day `/office/finance/day?date=` to review, and the POSTs that review and record the check.
 */
export async function financeHomeRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  const { handle, clock } = deps;
  const finance = { preHandler: staffGuard(handle.db, clock)(FINANCE_ROLES) };
  const calendarOf = (req: FastifyRequest) => loadBusinessCalendar(handle.db, req.agency);
  const actorOf = (req: FastifyRequest) => {
    const staff = req.staffSession!.staff;
    return { kind: "staff" as const, staffId: staff.id, roles: staff.roles };
  };
  const back = (req: FastifyRequest, reply: FastifyReply, to: string, result: object) =>
    (req.headers.accept ?? "").includes("text/html") ? reply.redirect(to, 303) : reply.send(result);

  app.get("/office/finance", finance, async (req, reply) => {
    const cal = await calendarOf(req);
    const status = await dailyCheckStatus(handle.db, cal, req.agency.id, clock.now());
    const due = await listDayPayments(handle.db, cal, req.agency.id, status.due);
    const body = financeHomeView(req, {
      counts: await moneyCounts(deps, req.agency.id),
      status,
      dueCount: due.length,
    });
    return sendOfficePage(req, reply, t(req.lang, "finance.home.title"), body);
  });

  app.get<{ Querystring: { date?: unknown } }>("/office/finance/day", finance, async (req, reply) => {
    const cal = await calendarOf(req);
    const date =
      req.query.date === undefined
        ? previousBusinessDay(cal, toLocal(clock.now(), cal.timeZone).date)
        : dateField(req.query.date);
    const payments = await listDayPayments(handle.db, cal, req.agency.id, date);
    const title = t(req.lang, "finance.review.title", { date });
    return sendOfficePage(req, reply, title, financeDayView(req, date, payments));
  });

  app.post<{ Params: { paymentId: string } }>(
    "/office/finance/payments/:paymentId/review",
    finance,
    async (req, reply) => {
      const form = asForm(req.body);
      const date = form.date === undefined ? undefined : dateField(form.date);
      const cal = await calendarOf(req);
      const marked = await reviewPayments(
        handle,
        { agencyId: req.agency.id, cal, paymentIds: [req.params.paymentId] },
        actorOf(req),
        clock.now(),
      );
      const to = `${req.basePath}/office/finance/day${date ? `?date=${date}` : ""}`;
      return back(req, reply, to, { marked });
    },
  );

  app.post("/office/finance/day/review", finance, async (req, reply) => {
    const date = dateField(asForm(req.body).date);
    const cal = await calendarOf(req);
    const marked = await reviewPayments(
      handle,
      { agencyId: req.agency.id, cal, date },
      actorOf(req),
      clock.now(),
    );
    return back(req, reply, `${req.basePath}/office/finance/day?date=${date}`, { marked });
  });

  app.post("/office/finance/daily-check", finance, async (req, reply) => {
    const form = asForm(req.body);
    const date = dateField(form.date);
    const note = formString(form.note, "note", 1000).trim() || null;
    const cal = await calendarOf(req);
    const result = await recordDailyCheck(
      handle,
      { agencyId: req.agency.id, cal, date, note },
      actorOf(req),
      clock.now(),
    );
    return back(req, reply, `${req.basePath}/office/finance`, result);
  });
}
