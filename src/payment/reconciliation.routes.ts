import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import type { PaymentDeps } from "./payment-deps.js";
import { readReconciliationQueue } from "./read-reconciliation-queue.js";
import { type FinanceOfficer, ignoreStatementLine, matchStatementLine } from "./resolve-statement-line.js";
import { settleBankNotification } from "./settle-bank-notification.js";
import { reconciliationView } from "./views/reconciliation.view.js";
import type { Notice } from "./views/statements.view.js";

type LineRequest = FastifyRequest<{ Params: { lineId: string } }>;
const wantsPage = (req: FastifyRequest) => (req.headers.accept ?? "").includes("text/html");

/**
 * PY-3: `/office/finance/reconciliation`, the finance officer's queue, and its acts on a statement line:
 * match it to a notice by hand (a fresh step-up: it takes money) or set it aside with a reason.
 */
export async function reconciliationRoutes(app: FastifyInstance, deps: PaymentDeps) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const page = `/office/finance/reconciliation`;
  const officers = { schema: { hide: true }, preHandler: guard(["finance_officer"]) };
  const takesMoney = {
    schema: { hide: true },
    preHandler: [guard(["finance_officer"]), requireRecentAuth(clock, (req) => `${req.basePath}${page}`)],
  };
  const officerOf = (req: FastifyRequest): FinanceOfficer => ({
    staffId: req.staffSession!.staff.id,
    roles: req.staffSession!.staff.roles,
    ip: req.ip,
  });

  async function show(req: FastifyRequest, reply: FastifyReply, notices: Notice[] = []) {
    const queue = await readReconciliationQueue(handle.db, req.agency.id, clock.now());
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "reconciliation.title"),
      reconciliationView(req, queue, notices),
      {
        wide: true,
      },
    );
  }

  const answer = async (req: FastifyRequest, reply: FastifyReply, work: () => Promise<Notice>) => {
    try {
      const notice = await work();
      return wantsPage(req) ? show(req, reply, [notice]) : reply.send({ ok: true, message: notice.text });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || !wantsPage(req)) throw error;
      reply.code(error.status);
      return show(req, reply, [{ kind: "error", text: errorText(req.lang, error) }]);
    }
  };

  app.get(page, officers, (req, reply) => show(req, reply));

  app.post(`${page}/lines/:lineId/match`, takesMoney, async (req: LineRequest, reply) => {
    const form = asForm(req.body);
    return answer(req, reply, async () => {
      const ref1 = formString(form.ref1, "ref1", 40);
      const reason = formString(form.reason, "reason", 500);
      const outcome = await matchStatementLine(
        handle,
        { agencyId: req.agency.id, lineId: req.params.lineId, ref1, reason },
        officerOf(req),
        clock.now(),
      );
      return outcome.kind === "recorded"
        ? {
            kind: "ok",
            text: t(req.lang, "reconciliation.matched", { receiptNumber: outcome.receiptNumber }),
          }
        : { kind: "error", text: t(req.lang, "reconciliation.alreadyPaid") };
    });
  });

  // PY-4: a bank notification that paid no notice is settled with the reason written down.
  app.post(
    `${page}/notifications/:notificationId/settle`,
    officers,
    async (req: FastifyRequest<{ Params: { notificationId: string } }>, reply) => {
      const form = asForm(req.body);
      return answer(req, reply, async () => {
        const reason = formString(form.reason, "reason", 500);
        await settleBankNotification(
          handle,
          { agencyId: req.agency.id, notificationId: req.params.notificationId, reason },
          officerOf(req),
          clock.now(),
        );
        return { kind: "ok", text: t(req.lang, "reconciliation.settled") };
      });
    },
  );

  app.post(`${page}/lines/:lineId/ignore`, officers, async (req: LineRequest, reply) => {
    const form = asForm(req.body);
    return answer(req, reply, async () => {
      const reason = formString(form.reason, "reason", 500);
      await ignoreStatementLine(
        handle,
        { agencyId: req.agency.id, lineId: req.params.lineId, reason },
        officerOf(req),
        clock.now(),
      );
      return { kind: "ok", text: t(req.lang, "reconciliation.ignoredDone") };
    });
  });
}
