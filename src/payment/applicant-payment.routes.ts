import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { findMatter, findTrackedEntry } from "../register/index.js";
import type { PaymentNotice } from "./notice.js";
import { listMatterPayments } from "./notice-payments.repo.js";
import { renderNoticePdf } from "./notice-pdf.js";
import { noticeQrPng } from "./notice-qr-image.js";
import { listMatterNotices } from "./notices.repo.js";
import type { PaymentDeps } from "./payment-deps.js";
import { APPLICANT_PAYMENT_SECTIONS } from "./payment-sections.js";
import { applicantPaymentView } from "./views/applicant-payment.view.js";

type TrackedRequest = FastifyRequest<{
  Params: { beYear: string; sequence: string; noticeId?: string };
  Querystring: { t?: unknown };
}>;

/**
 * PY-1: the applicant's payment page under the tracking link, `GET /requests/:beYear/:sequence/payment?t=`,
 * with each notice's QR (`/payment/:noticeId/qr.png`) and PDF (`/payment/:noticeId.pdf`). A wrong number
 * or token, or a notice of another matter, is a 404 either way.
 */
export async function applicantPaymentRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  const { handle } = deps;

  async function tracked(req: TrackedRequest) {
    const { beYear, sequence } = req.params;
    const token = typeof req.query.t === "string" ? req.query.t : "";
    const entry = await findTrackedEntry(handle.db, deps.secret, req.agency.id, req.params, token);
    const matter = await findMatter(handle.db, req.agency.id, entry.matterId);
    if (!matter) throw new AppError("ENTRY_NOT_FOUND");
    const base = `${req.basePath}/requests/${beYear}/${sequence}`;
    return { entry, matter, token, base, query: `?t=${encodeURIComponent(token)}` };
  }

  /** The matter's notice the path names; another matter's (or agency's) is not found. */
  async function trackedNotice(
    req: TrackedRequest,
  ): Promise<{ notice: PaymentNotice; receiptNumber: string }> {
    const { matter } = await tracked(req);
    const notices = await listMatterNotices(handle.db, matter.id);
    const notice = notices.find((n) => n.id === req.params.noticeId && n.agencyId === req.agency.id);
    if (!notice) throw new AppError("PAYMENT_NOTICE_NOT_FOUND");
    return { notice, receiptNumber: matter.receiptNumber };
  }

  app.get("/requests/:beYear/:sequence/payment", async (req: TrackedRequest, reply) => {
    const { entry, matter, token, base, query } = await tracked(req);
    const notices = await listMatterNotices(handle.db, matter.id);
    const payments = await listMatterPayments(handle.db, matter.id);
    const ctx = { req, matter, base, token, entryId: entry.id, notices };
    const sections = [];
    for (const section of APPLICANT_PAYMENT_SECTIONS) {
      const part = await section(deps, ctx);
      if (part) sections.push(part);
    }
    return sendPage(req, reply, {
      title: t(req.lang, "payment.page.title", { receiptNumber: matter.receiptNumber }),
      body: applicantPaymentView({
        lang: req.lang,
        timeZone: req.agency.timeZone,
        receiptNumber: matter.receiptNumber,
        notices,
        payments,
        base,
        query,
        sections,
      }),
    });
  });

  app.get("/requests/:beYear/:sequence/payment/:noticeId/qr.png", async (req: TrackedRequest, reply) => {
    const { notice } = await trackedNotice(req);
    const png = await noticeQrPng(notice);
    // PY-1: no Biller ID, no QR (the page says so and gives the account instead).
    if (!png) throw new AppError("NOT_FOUND");
    return reply
      .type("image/png")
      .header("cache-control", "private, no-store")
      .header("x-content-type-options", "nosniff")
      .send(png);
  });

  app.get("/requests/:beYear/:sequence/payment/:noticeId.pdf", async (req: TrackedRequest, reply) => {
    const { notice, receiptNumber } = await trackedNotice(req);
    const pdf = await renderNoticePdf(notice, {
      agency: req.agency,
      receiptNumber,
      createdAt: notice.createdAt,
    });
    return reply
      .type("application/pdf")
      .header("content-disposition", `inline; filename="payment-notice-${notice.ref1}.pdf"`)
      .header("cache-control", "private, no-store")
      .header("x-content-type-options", "nosniff")
      .send(pdf);
  });
}
