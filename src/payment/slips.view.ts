import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { formatBaht } from "./money.js";
import type { PaymentNotice } from "./notice.js";
import type { StatementMatch } from "./slip-statement-match.js";
import type { PaymentSlip } from "./slips.repo.js";

export interface SlipView {
  slip: PaymentSlip;
  receiptNumber: string;
  /** The matter's notices (the slip's, or those it may pay when none was picked). */
  notices: PaymentNotice[];
  statement: StatementMatch;
  /** Where the decision forms send the officer back to: the queue or the matter page. */
  back: "queue" | "matter";
  /** Whether this officer may decide (finance officers). */
  canDecide: boolean;
}

const STATEMENT_KEY = {
  "bank-reference": "slips.statement.matched",
  "amount-time": "slips.statement.amountTime",
  none: "slips.statement.none",
} as const;

/** The slip itself (an image inline, a PDF by link); each look is recorded as a read of personal data. */
const shownFile = (base: string, slip: PaymentSlip, label: string) =>
  slip.mediaType.startsWith("image/")
    ? html`<p><a href="${base}/file" target="_blank" rel="noopener"><img src="${base}/file" alt="${label}" width="320" loading="lazy"></a></p>`
    : html`<p><a href="${base}/file" target="_blank" rel="noopener">${label}</a></p>`;

/** PY-2: one slip for the finance officer: the file, the notice, the QR's bank reference, the statement. */
export function slipCard(req: FastifyRequest, view: SlipView): Html {
  const { slip } = view;
  const l = req.lang;
  const base = `${req.basePath}/office/finance/slips/${slip.id}`;
  const notice = view.notices.find((n) => n.id === slip.noticeId);
  const open = view.notices.filter((n) => n.status === "open");
  const noticeText = notice
    ? `Ref1 ${notice.ref1} — ${formatBaht(notice.amountSatang)}`
    : t(l, "slips.noNotice");
  const pick = notice
    ? ""
    : html`<select name="notice" aria-label="${t(l, "slips.section.notice")}">${open.map(
        (n) => html`<option value="${n.id}">Ref1 ${n.ref1} — ${formatBaht(n.amountSatang)}</option>`,
      )}</select>`;
  const common = html`${csrfField(req)}<input type="hidden" name="expectedVersion" value="${slip.version}"><input type="hidden" name="back" value="${view.back}">`;
  const decide =
    view.canDecide && slip.state === "pending"
      ? html`<form method="post" action="${base}/confirm">${common}${pick}<button type="submit">${t(l, "slips.confirm")}</button></form>
<form method="post" action="${base}/reject">${common}<label>${t(l, "slips.rejectReason")} <input name="reason" required maxlength="500"></label><button type="submit">${t(l, "slips.reject")}</button></form>`
      : "";
  return html`<article class="slip" id="slip-${slip.id}">
<dl>
<dt>${t(l, "slips.col.received")}</dt><dd>${formatDateTime(l, slip.receivedAt, req.agency.timeZone)} (${slip.channel})</dd>
<dt>${t(l, "slips.col.request")}</dt><dd><a href="${req.basePath}/office/matters/${slip.matterId}">${view.receiptNumber}</a></dd>
<dt>${t(l, "slips.col.notice")}</dt><dd>${noticeText}</dd>
<dt>${t(l, "slips.col.bankRef")}</dt><dd>${slip.bankReference ? `${slip.bankReference} (${slip.sendingBank ?? ""})` : t(l, "slips.noQr")}</dd>
<dt>${t(l, "slips.col.statement")}</dt><dd>${t(l, STATEMENT_KEY[view.statement.kind])}</dd>
<dt>${t(l, "slips.col.state")}</dt><dd>${t(l, `slips.state.${slip.state}`)}${slip.reason ? html` — ${t(l, "slips.reason", { reason: slip.reason })}` : ""}</dd>
</dl>
${view.canDecide ? shownFile(base, slip, t(l, "slips.view")) : ""}
${decide}
</article>`;
}
