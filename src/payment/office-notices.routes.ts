import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import { addPaymentNotice, cancelPaymentNotice } from "./add-payment-notice.js";
import { toSatang } from "./money.js";
import type { NoticeKind } from "./payment.table.js";
import type { PaymentDeps } from "./payment-deps.js";

type MatterRequest = FastifyRequest<{ Params: { matterId: string; noticeId?: string } }>;
const KINDS: readonly NoticeKind[] = ["application_fee", "licence_fee", "fine", "other"];
const DAY_MS = 24 * 60 * 60 * 1000;
const invalid = (detail: string) => new AppError("PAYMENT_NOTICE_INVALID", { detail }, { field: detail });

/**
 * PY-1: a finance officer's acts on a matter's notices, from its panel: `POST …/payment/notices` (a
 * further notice: kind, detail, amount in baht, days to pay) and `POST …/payment/notices/:noticeId/cancel`
 * (with a reason). Money acts: the finance_officer role, the session's CSRF token, a fresh step-up.
 */
export async function officeNoticesRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  const guard = staffGuard(deps.handle.db, deps.clock);
  const matterPage = (req: MatterRequest) =>
    `${req.basePath}/office/matters/${encodeURIComponent(req.params.matterId)}`;
  const preHandler = [
    guard(["finance_officer"]),
    requireRecentAuth(deps.clock, (r) => matterPage(r as MatterRequest)),
  ];
  const actor = (req: FastifyRequest) => {
    const staff = req.staffSession!.staff;
    return { kind: "staff", staffId: staff.id, roles: staff.roles } as const;
  };

  app.post(
    "/office/matters/:matterId/payment/notices",
    { schema: { hide: true }, preHandler },
    async (req: MatterRequest, reply) => {
      const form = asForm(req.body);
      const kind = formString(form.kind, "kind", 20) as NoticeKind;
      if (!KINDS.includes(kind)) throw invalid("kind");
      const detail = formString(form.detail, "detail", 200).trim();
      if (!detail) throw invalid("detail");
      const amountSatang = toSatang(formString(form.amount, "amount", 20));
      if (!amountSatang || amountSatang <= 0) throw invalid("amount");
      const days = formString(form.days, "days", 3);
      if (!/^\d{1,3}$/.test(days) || Number(days) < 1 || Number(days) > 365) throw invalid("days");
      const at = deps.clock.now();
      await addPaymentNotice(
        deps.handle,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          kind,
          lines: [{ detail: { th: detail }, amountSatang }],
          dueAt: new Date(at.getTime() + Number(days) * DAY_MS),
        },
        actor(req),
        at,
      );
      return reply.redirect(matterPage(req), 303);
    },
  );

  app.post(
    "/office/matters/:matterId/payment/notices/:noticeId/cancel",
    { schema: { hide: true }, preHandler },
    async (req: MatterRequest, reply) => {
      const reason = formString(asForm(req.body).reason, "reason", 500).trim();
      if (!reason) throw invalid("reason");
      await cancelPaymentNotice(
        deps.handle,
        {
          agencyId: req.agency.id,
          matterId: req.params.matterId,
          noticeId: String(req.params.noticeId),
          reason,
        },
        actor(req),
        deps.clock.now(),
      );
      return reply.redirect(matterPage(req), 303);
    },
  );
}
