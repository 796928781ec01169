import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import { AppError } from "../platform/errors.js";
import { html } from "../platform/html.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { recordDataReads } from "../privacy/index.js";
import { findMatterReceiptNumber } from "../register/index.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import { confirmSlip, rejectSlip } from "./decide-slip.js";
import { listMatterNotices } from "./notices.repo.js";
import type { PaymentDeps } from "./payment-deps.js";
import { findStatementMatch } from "./slip-statement-match.js";
import { findSlip, listPendingSlips, type PaymentSlip } from "./slips.repo.js";
import { slipCard } from "./slips.view.js";

type SlipRequest = FastifyRequest<{ Params: { slipId: string } }>;

export const FINANCE_ROLES = ["finance_officer"] as const;

/** The data of a slip's card: its matter's number and notices, and what the statement says. */
export async function slipViewOf(deps: PaymentDeps, slip: PaymentSlip) {
  const db = deps.handle.db;
  const notices = await listMatterNotices(db, slip.matterId);
  const amount = notices.find((n) => n.id === slip.noticeId)?.amountSatang;
  return {
    slip,
    receiptNumber: (await findMatterReceiptNumber(db, slip.matterId)) ?? "",
    notices,
    statement: await findStatementMatch(db, slip, amount),
  };
}

function expectedVersion(form: Form): number | undefined {
  const text = formString(form.expectedVersion, "expectedVersion", 12);
  if (text === "") return undefined;
  if (!/^\d{1,9}$/.test(text))
    throw new AppError("VALIDATION_FAILED", { detail: "expectedVersion" }, { field: "expectedVersion" });
  return Number(text);
}

/**
 * PY-2: the finance officers' slips: the queue `/office/finance/slips`, a slip's file (a read of personal
 * data, recorded), and the decisions — confirm (step-up: it records money) and reject with a reason.
 * Another agency's slip is a 404.
 */
export async function slipsOfficeRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const finance = { preHandler: guard(FINANCE_ROLES) };
  const backTo = (req: FastifyRequest, slip?: PaymentSlip) => {
    const back = (req.body as { back?: unknown } | undefined)?.back;
    return back === "matter" && slip
      ? `${req.basePath}/office/matters/${slip.matterId}`
      : `${req.basePath}/office/finance/slips`;
  };
  // WS-3: confirming a slip records money, so it needs a fresh step-up; back to the queue afterwards.
  const steppedUp = requireRecentAuth(clock, (req) => `${req.basePath}/office/finance/slips`);
  const staffActor = (req: FastifyRequest) => {
    const staff = req.staffSession!.staff;
    return { kind: "staff" as const, staffId: staff.id, roles: staff.roles };
  };
  const done = (req: FastifyRequest, reply: FastifyReply, slip: PaymentSlip, result: object) =>
    (req.headers.accept ?? "").includes("text/html")
      ? reply.redirect(backTo(req, slip), 303)
      : reply.send(result);
  const slipOf = async (req: SlipRequest) => {
    const slip = await findSlip(handle.db, req.agency.id, req.params.slipId);
    if (!slip) throw new AppError("SLIP_NOT_FOUND");
    return slip;
  };

  app.get("/office/finance/slips", finance, async (req, reply) => {
    const slips = await listPendingSlips(handle.db, req.agency.id);
    const cards = [];
    for (const slip of slips)
      cards.push(slipCard(req, { ...(await slipViewOf(deps, slip)), back: "queue", canDecide: true }));
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "slips.queue.title"),
      html`<h1>${t(req.lang, "slips.queue.title")}</h1>${
        cards.length > 0 ? cards : html`<p>${t(req.lang, "slips.queue.empty")}</p>`
      }`,
    );
  });

  app.get<{ Params: { slipId: string } }>(
    "/office/finance/slips/:slipId/file",
    finance,
    async (req, reply) => {
      const slip = await slipOf(req);
      const bytes = await deps.files.read(slip.fileKey);
      const at = clock.now().toISOString();
      // PD-6: a look at a slip is a read of the payer's data, shown on their account.
      await recordDataReads(handle.db, {
        agencyId: req.agency.id,
        reader: `staff:${req.staffSession!.staff.id}`,
        what: "attachment",
        matterIds: [slip.matterId],
        at,
      });
      await recordAudit(handle.db, {
        agencyId: req.agency.id,
        actor: `staff:${req.staffSession!.staff.id}`,
        action: "payment.slip-read",
        subjectType: "payment_slip",
        subjectId: slip.id,
        data: { matterId: slip.matterId },
        ip: req.ip,
        at,
      });
      return reply
        .type(slip.mediaType)
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", "inline")
        .send(bytes);
    },
  );

  app.post<{ Params: { slipId: string } }>(
    "/office/finance/slips/:slipId/confirm",
    { preHandler: [guard(FINANCE_ROLES), steppedUp] },
    async (req, reply) => {
      const form = asForm(req.body);
      const version = expectedVersion(form);
      const noticeId = formString(form.notice, "notice", 64) || undefined;
      const slip = await slipOf(req);
      const result = await confirmSlip(
        handle,
        { agencyId: req.agency.id, slipId: slip.id, expectedVersion: version, noticeId },
        staffActor(req),
        clock.now(),
      );
      return done(req, reply, slip, result);
    },
  );

  app.post<{ Params: { slipId: string } }>(
    "/office/finance/slips/:slipId/reject",
    finance,
    async (req, reply) => {
      const form = asForm(req.body);
      const version = expectedVersion(form);
      const reason = formString(form.reason, "reason", 500).trim();
      if (!reason) throw new AppError("VALIDATION_FAILED", { detail: "reason" }, { field: "reason" });
      const slip = await slipOf(req);
      await rejectSlip(
        handle,
        { agencyId: req.agency.id, slipId: slip.id, expectedVersion: version, reason },
        staffActor(req),
        clock.now(),
      );
      return done(req, reply, slip, { state: "rejected" });
    },
  );
}
