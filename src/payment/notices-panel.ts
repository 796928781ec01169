import type { MatterPanel } from "../casework/index.js";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { formatBaht } from "./money.js";
import type { PaymentNotice } from "./notice.js";
import { listMatterPayments, type NoticePayment } from "./notice-payments.repo.js";
import { listMatterNotices } from "./notices.repo.js";
import type { PaymentDeps } from "./payment-deps.js";

/**
 * PY-1: the matter page's payment notices (state, Ref1, amount, deadline, paid when and how); a finance
 * officer may add a further notice while the matter awaits payment, and cancel an open one with a reason.
 */
export function noticesPanel(deps: PaymentDeps): MatterPanel {
  return async (req, matter) => {
    const staff = req.staffSession?.staff;
    if (!staff) return undefined;
    const notices = await listMatterNotices(deps.handle.db, matter.id);
    const finance = staff.roles.includes("finance_officer");
    if (notices.length === 0 && !(finance && matter.status === "awaiting_payment")) return undefined;
    const payments = await listMatterPayments(deps.handle.db, matter.id);
    const l = req.lang;
    const when = (d: Date) => formatDateTime(l, d, req.agency.timeZone);
    const base = `${req.basePath}/office/matters/${encodeURIComponent(matter.id)}/payment/notices`;
    const row = (n: PaymentNotice, paid?: NoticePayment): Html =>
      html`<tr data-notice="${n.id}" data-status="${n.status}"><td>${n.ref1}</td><td>${t(l, `payment.notice.kind.${n.kind}`)}</td>
<td>${formatBaht(n.amountSatang)}</td><td>${when(n.dueAt)}</td>
<td>${paid ? `${t(l, "payment.notice.paidAt", { date: when(paid.paidAt) })} (${t(l, `payment.source.${paid.source}`)})` : t(l, `payment.notice.status.${n.status}`)}</td>
<td>${
        finance && n.status === "open"
          ? html`<form method="post" action="${base}/${n.id}/cancel">${csrfField(req)}
<label>${t(l, "payment.panel.reason")} <input name="reason" required maxlength="500"></label>
<button type="submit">${t(l, "payment.panel.cancel")}</button></form>`
          : ""
      }</td></tr>`;
    const add =
      finance && matter.status === "awaiting_payment"
        ? html`<form method="post" action="${base}">${csrfField(req)}
<label>${t(l, "payment.panel.kind")} <select name="kind">${(["fine", "other", "application_fee", "licence_fee"] as const).map((k) => html`<option value="${k}">${t(l, `payment.notice.kind.${k}`)}</option>`)}</select></label>
<label>${t(l, "payment.panel.detail")} <input name="detail" required maxlength="200"></label>
<label>${t(l, "payment.panel.amount")} <input name="amount" required inputmode="decimal" maxlength="20"></label>
<label>${t(l, "payment.panel.days")} <input name="days" required inputmode="numeric" maxlength="3" value="15"></label>
<button type="submit">${t(l, "payment.panel.add")}</button></form>`
        : "";
    return html`<section class="card" data-testid="payment-notices"><h2>${t(l, "payment.panel.title")}</h2>
${
  notices.length
    ? html`<div class="table-wrap" tabindex="0"><table><thead><tr><th>Ref1</th><th>${t(l, "payment.panel.kind")}</th><th>${t(l, "payment.notice.amount")}</th><th>${t(l, "payment.notice.due")}</th><th>${t(l, "payment.notice.state")}</th><th></th></tr></thead>
<tbody>${notices.map((n) => row(n, payments.get(n.id)))}</tbody></table></div>`
    : ""
}
${add}</section>`;
  };
}
