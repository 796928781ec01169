import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { formatBaht } from "./money.js";
import { receiptStateText } from "./receipt-labels.js";
import { CHANNEL_TH } from "./receipt-pdf.js";
import type { EReceipt, ReceiptFilter } from "./receipts.repo.js";
import type { ReceiptCorrectionRow } from "./receipts.table.js";

const pageOf = (req: FastifyRequest) => `${req.basePath}/office/finance/receipts`;

/** PY-5: the finance officer's list of e-receipts, by fiscal year, number or Ref1, and state. */
export function receiptsListView(
  req: FastifyRequest,
  receipts: EReceipt[],
  filter: ReceiptFilter,
  signerSetUp: boolean,
): Html {
  const base = pageOf(req);
  const year = filter.fiscalYear ?? "";
  return html`<h1>${t(req.lang, "receipts.title")}</h1>
${signerSetUp ? "" : html`<p role="status">${t(req.lang, "receipts.unsignedNoSigner")}</p>`}
<form method="get" action="${base}">
<label>${t(req.lang, "receipts.fiscalYear")} <input name="year" inputmode="numeric" value="${year}" size="5"></label>
<label>${t(req.lang, "receipts.search")} <input name="q" value="${filter.search ?? ""}"></label>
<label>${t(req.lang, "receipts.state")} <select name="status"><option value=""></option>
${(["pending_signature", "issued", "voided"] as const).map((s) => html`<option value="${s}"${filter.status === s ? html` selected` : ""}>${t(req.lang, `receipts.state.${s}`)}</option>`)}</select></label>
<button type="submit">${t(req.lang, "receipts.filter")}</button></form>
<div class="table-wrap" tabindex="0"><table><thead><tr><th>${t(req.lang, "receipts.number")}</th><th>${t(req.lang, "receipts.date")}</th><th>Ref1</th><th>${t(req.lang, "receipts.amount")}</th><th>${t(req.lang, "receipts.state")}</th></tr></thead><tbody>
${receipts.map(
  (r) =>
    html`<tr><td><a href="${base}/${r.id}">${r.receiptNumber}</a></td><td>${formatDateTime(req.lang, r.payment.paidAt, req.agency.timeZone)}</td><td>${r.notice.ref1}</td><td>${formatBaht(r.amountSatang)}</td><td>${receiptStateText(req, r, signerSetUp)}</td></tr>`,
)}
</tbody></table></div>
${receipts.length === 0 ? html`<p>${t(req.lang, "receipts.none")}</p>` : ""}
<h2>${t(req.lang, "receipts.export")}</h2>
<form method="get" action="${base}/export.xlsx">
<label>${t(req.lang, "receipts.fiscalYear")} <input name="year" inputmode="numeric" value="${year}" size="5"></label>
<label>${t(req.lang, "receipts.from")} <input type="date" name="from"></label>
<label>${t(req.lang, "receipts.to")} <input type="date" name="to"></label>
<button type="submit">XLSX</button> <button type="submit" formaction="${base}/export.csv">CSV</button></form>`;
}

function correctionView(req: FastifyRequest, receipt: EReceipt, c: ReceiptCorrectionRow): Html {
  const action = `${pageOf(req)}/${receipt.id}/corrections/${c.id}`;
  const roles = req.officeUser?.roles ?? [];
  const decider = roles.includes("head_of_agency") || roles.includes("supervisor");
  const step = (name: string, label: Html | string, extra: Html | string = "") =>
    html`<form method="post" action="${action}">${csrfField(req)}<input type="hidden" name="action" value="${name}"><input type="hidden" name="expectedVersion" value="${c.version}">${extra}<button type="submit">${label}</button></form>`;
  return html`<li><strong>${t(req.lang, `receipts.correction.${c.kind}`)}</strong> ${formatBaht(Number(c.amount_satang))} —
${t(req.lang, `receipts.correction.status.${c.status}`)}<br>${t(req.lang, "receipts.correction.reason")}: ${c.reason}
${c.note ? html`<br>${t(req.lang, "receipts.correction.note")}: ${c.note}` : ""}
${c.paid_out_reference ? html`<br>${t(req.lang, "receipts.correction.bankReference")}: ${c.paid_out_reference}` : ""}
${
  c.status === "requested" && decider && c.requested_by !== req.officeUser?.id
    ? html`${step("approve", t(req.lang, "receipts.correction.approve"), html`<label>${t(req.lang, "receipts.correction.note")} <input name="note"></label>`)}${step("refuse", t(req.lang, "receipts.correction.refuse"))}`
    : ""
}
${
  c.status === "approved" && roles.includes("finance_officer")
    ? step(
        "record-paid-out",
        t(req.lang, "receipts.correction.paidOut"),
        html`<label>${t(req.lang, "receipts.correction.bankReference")} <input name="bankReference" required></label>`,
      )
    : ""
}</li>`;
}

/** PY-5: one receipt, its documents, its voids and refunds, and the form to ask for one. */
export function receiptDetailView(
  req: FastifyRequest,
  receipt: EReceipt,
  payerName: string,
  corrections: ReceiptCorrectionRow[],
  signerSetUp: boolean,
): Html {
  const base = `${pageOf(req)}/${receipt.id}`;
  const canAsk = (req.officeUser?.roles ?? []).includes("finance_officer") && receipt.status !== "voided";
  return html`<h1>${t(req.lang, "receipts.title")} ${receipt.receiptNumber}</h1>
<dl>
<dt>${t(req.lang, "receipts.state")}</dt><dd>${receiptStateText(req, receipt, signerSetUp)}</dd>
<dt>${t(req.lang, "receipts.date")}</dt><dd>${formatDateTime(req.lang, receipt.payment.paidAt, req.agency.timeZone)}</dd>
<dt>${t(req.lang, "receipts.payer")}</dt><dd>${payerName}</dd>
<dt>${t(req.lang, "receipts.for")}</dt><dd>${receipt.notice.lines.map((l) => l.detail.th).join("; ")}</dd>
<dt>${t(req.lang, "receipts.amount")}</dt><dd>${formatBaht(receipt.amountSatang)}</dd>
<dt>${t(req.lang, "receipts.channel")}</dt><dd>${CHANNEL_TH[receipt.payment.source][req.lang]}</dd>
<dt>Ref1</dt><dd>${receipt.notice.ref1}</dd>
<dt>Bank ref.</dt><dd>${receipt.payment.bankReference ?? "-"}</dd>
</dl>
${receipt.pdfKey ? html`<p><a href="${base}.pdf">${t(req.lang, "receipts.downloadPdf")}</a> <a href="${base}.xml">${t(req.lang, "receipts.downloadXml")}</a></p>` : ""}
<h2>${t(req.lang, "receipts.corrections")}</h2>
<p>${t(req.lang, "receipts.correction.noMoneyMoves")}</p>
<ul>${corrections.map((c) => correctionView(req, receipt, c))}</ul>
${
  canAsk
    ? html`<h3>${t(req.lang, "receipts.correction.request")}</h3>
<form method="post" action="${base}/corrections">${csrfField(req)}
<fieldset><legend>${t(req.lang, "receipts.correction.kind")}</legend>
<label><input type="radio" name="kind" value="void" required> ${t(req.lang, "receipts.correction.void")}</label>
<label><input type="radio" name="kind" value="refund"> ${t(req.lang, "receipts.correction.refund")}</label></fieldset>
<label>${t(req.lang, "receipts.correction.amount")} <input name="amount" inputmode="decimal"></label>
<label>${t(req.lang, "receipts.correction.reason")} <textarea name="reason" required maxlength="2000"></textarea></label>
<p>${t(req.lang, "receipts.correction.otherPerson")}</p>
<button type="submit">${t(req.lang, "receipts.correction.request")}</button></form>`
    : ""
}`;
}
