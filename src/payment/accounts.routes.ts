import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { errorText, type FieldLabels } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import { listAccounts } from "./accounts.repo.js";
import type { PaymentDeps } from "./payment-deps.js";
import { type AccountInput, generateCallbackSecret, savePaymentAccount } from "./save-payment-account.js";
import { accountsView, type Notice, type ShownSecret } from "./views/accounts.view.js";

const LABELS: FieldLabels = {
  bankCode: "payment.accounts.bank",
  accountNumber: "payment.accounts.accountNumber",
  accountName: "payment.accounts.accountName",
  billerId: "payment.accounts.billerId",
  compCode: "payment.accounts.compCode",
};

type AccountRequest = FastifyRequest<{ Params: { accountId: string } }>;

/**
 * PY-1, PY-4: `/office/finance/accounts`, admins only: the accounts fees are paid into, and each one's
 * callback secret (generated here, shown once). Saving an account or a new secret changes where money
 * goes or what proves it came: both need a fresh step-up, and both are audited.
 */
export async function accountsRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const base = (req: FastifyRequest) => `${req.basePath}/office/finance/accounts`;
  const admins = { schema: { hide: true }, preHandler: guard(["admin"]) };
  const changes = { schema: { hide: true }, preHandler: [guard(["admin"]), requireRecentAuth(clock, base)] };
  const ctx = (req: FastifyRequest) => ({
    actor: `staff:${req.staffSession!.staff.id}`,
    ip: req.ip,
    at: clock.now(),
  });

  async function show(req: FastifyRequest, reply: FastifyReply, notices: Notice[] = [], shown?: ShownSecret) {
    const accounts = await listAccounts(handle.db, req.agency.id);
    const callbackUrl = `${deps.publicUrl.replace(/\/$/, "")}${req.basePath}/api/v1/payments/bank-notifications`;
    // The page may carry a secret shown once: no cache may keep it.
    reply.header("cache-control", "no-store");
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "payment.accounts.title"),
      accountsView(req, accounts, { notices, callbackUrl, shown }),
    );
  }

  async function failed(req: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    if (!(req.headers.accept ?? "").includes("text/html")) throw error;
    reply.code(error.status);
    return show(req, reply, [{ kind: "error", text: errorText(req.lang, error, LABELS) }]);
  }

  const readInput = (body: unknown): AccountInput => {
    const form = asForm(body);
    return {
      bankCode: formString(form.bankCode, "bankCode", 3),
      accountNumber: formString(form.accountNumber, "accountNumber", 20),
      accountName: formString(form.accountName, "accountName", 200),
      billerId: formString(form.billerId, "billerId", 15),
      compCode: formString(form.compCode, "compCode", 10),
      isDefault: formString(form.isDefault, "isDefault", 1) === "1",
    };
  };

  app.get("/office/finance/accounts", admins, (req, reply) => show(req, reply));

  app.post("/office/finance/accounts", changes, async (req, reply) => {
    try {
      await savePaymentAccount(handle, req.agency.id, undefined, readInput(req.body), ctx(req));
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "payment.accounts.added") }]);
    } catch (error) {
      return failed(req, reply, error);
    }
  });

  app.post("/office/finance/accounts/:accountId", changes, async (req: AccountRequest, reply) => {
    try {
      await savePaymentAccount(handle, req.agency.id, req.params.accountId, readInput(req.body), ctx(req));
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "payment.accounts.saved") }]);
    } catch (error) {
      return failed(req, reply, error);
    }
  });

  app.post("/office/finance/accounts/:accountId/secret", changes, async (req: AccountRequest, reply) => {
    try {
      const { accountId } = req.params;
      const secret = await generateCallbackSecret(handle, req.agency.id, accountId, ctx(req));
      return show(req, reply, [], { accountId, secret });
    } catch (error) {
      return failed(req, reply, error);
    }
  });
}
