import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import type { Matter } from "../register/index.js";
import { formatBaht } from "./money.js";
import type { PaymentDeps } from "./payment-deps.js";
import type { ApplicantPaymentSection } from "./payment-sections.js";
import { receiptMailStates, receiptStateText } from "./receipt-labels.js";
import { type EReceipt, listMatterReceipts } from "./receipts.repo.js";

function receiptTable(
  req: FastifyRequest,
  receipts: EReceipt[],
  deps: PaymentDeps,
  link: (r: EReceipt, ext: "pdf" | "xml") => string,
  mail: Map<string, string>,
): Html {
  const tz = req.agency.timeZone;
  return html`<div class="table-wrap" tabindex="0"><table><thead><tr><th>${t(req.lang, "receipts.number")}</th><th>${t(req.lang, "receipts.amount")}</th><th>${t(req.lang, "receipts.date")}</th><th>${t(req.lang, "receipts.state")}</th><th></th></tr></thead><tbody>
${receipts.map(
  (
    r,
  ) => html`<tr><td>${r.receiptNumber}</td><td>${formatBaht(r.amountSatang)}</td><td>${formatDateTime(req.lang, r.payment.paidAt, tz)}</td>
<td>${receiptStateText(req, r, deps.documentSigner !== undefined)}${r.status === "issued" ? html`<br><small>${mail.get(r.id) ?? ""}</small>` : ""}</td>
<td>${r.pdfKey ? html`<a href="${link(r, "pdf")}">${t(req.lang, "receipts.downloadPdf")}</a> <a href="${link(r, "xml")}">${t(req.lang, "receipts.downloadXml")}</a>` : ""}</td></tr>`,
)}
</tbody></table></div>`;
}

/** PY-5: the applicant's payment page lists the matter's receipts, each downloadable under the tracking link. */
export const receiptsSection: ApplicantPaymentSection = async (deps, ctx) => {
  const receipts = await listMatterReceipts(deps.handle.db, ctx.matter.agencyId, ctx.matter.id);
  if (receipts.length === 0) return undefined;
  const mail = await receiptMailStates(deps.handle.db, ctx.req, receipts);
  const link = (r: EReceipt, ext: "pdf" | "xml") =>
    `${ctx.base}/payment/receipts/${r.id}.${ext}?t=${encodeURIComponent(ctx.token)}`;
  return html`<section id="receipts"><h2>${t(ctx.req.lang, "receipts.title")}</h2>${receiptTable(ctx.req, receipts, deps, link, mail)}</section>`;
};

/** PY-5: the officer's matter page shows the same receipts, linking to the finance pages. */
export function receiptsPanel(deps: PaymentDeps) {
  return async (req: FastifyRequest, matter: Matter): Promise<Html | undefined> => {
    const receipts = await listMatterReceipts(deps.handle.db, matter.agencyId, matter.id);
    if (receipts.length === 0) return undefined;
    const mail = await receiptMailStates(deps.handle.db, req, receipts);
    const link = (r: EReceipt, ext: "pdf" | "xml") =>
      `${req.basePath}/office/finance/receipts/${r.id}.${ext}`;
    return html`<section id="receipts"><h2>${t(req.lang, "receipts.panel")}</h2>${receiptTable(req, receipts, deps, link, mail)}
<p>${receipts.map((r) => html`<a href="${req.basePath}/office/finance/receipts/${r.id}">${r.receiptNumber}</a> `)}</p></section>`;
  };
}
