import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDate, formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import type { DailyCheckStatus, DayPayment } from "./daily-check.js";
import { FINANCE_PAGES } from "./finance-nav.js";
import { formatBaht } from "./money.js";

export interface FinanceHomeView {
  counts: { openNotices: number; pendingSlips: number; unreviewed: number };
  status: DailyCheckStatus;
  dueCount: number;
}

/** PY-3: a late or missing daily check stands out (role="alert") wherever a finance officer looks. */
export function dailyCheckAlert(req: FastifyRequest, status: DailyCheckStatus): Html | "" {
  const l = req.lang;
  if (!status.late && status.missing.length === 0) return "";
  return html`<div class="errors" role="alert">
${status.late ? html`<p>${t(l, "finance.check.late", { date: formatDate(l, status.due) })}</p>` : ""}
${status.missing.length > 0 ? html`<p>${t(l, "finance.check.missing", { dates: status.missing.map((d) => formatDate(l, d)).join(", ") })}</p>` : ""}
</div>`;
}

/** The finance officer's home: the pages, the counts, the daily check of the previous business day. */
export function financeHomeView(req: FastifyRequest, view: FinanceHomeView): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/finance`;
  const { status } = view;
  const dayLink = `${base}/day?date=${status.due}`;
  const check = status.done
    ? html`<p>${t(l, "finance.check.done", {
        date: formatDate(l, status.due),
        at: formatDateTime(l, status.done.checkedAt, req.agency.timeZone),
        count: status.done.paymentsCount,
      })}</p>`
    : html`<p><a href="${dayLink}">${t(l, "finance.check.due", { date: formatDate(l, status.due), count: view.dueCount })}</a></p>
<form method="post" action="${base}/daily-check">${csrfField(req)}<input type="hidden" name="date" value="${status.due}">
<p><label for="check-note">${t(l, "finance.check.note")}</label> <input id="check-note" name="note" maxlength="1000"></p>
<p><button type="submit">${t(l, "finance.check.record")}</button></p></form>`;
  return html`<h1>${t(l, "finance.home.title")}</h1>
${dailyCheckAlert(req, status)}
<nav aria-label="${t(l, "finance.menu")}"><ul>${FINANCE_PAGES.map(
    (p) => html`<li><a href="${req.basePath}${p.path}">${t(l, p.label)}</a></li>`,
  )}</ul></nav>
<dl class="receipt">
<dt>${t(l, "finance.count.openNotices")}</dt><dd>${view.counts.openNotices}</dd>
<dt><a href="${base}/slips">${t(l, "finance.count.pendingSlips")}</a></dt><dd>${view.counts.pendingSlips}</dd>
<dt>${t(l, "finance.count.unreviewed")}</dt><dd>${view.counts.unreviewed}</dd>
</dl>
<h2>${t(l, "finance.check.title")}</h2>
${check}`;
}

/** PY-3: the receipts of money of one business day, each to be reviewed, or all at once. */
export function financeDayView(req: FastifyRequest, date: string, payments: DayPayment[]): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/finance`;
  const rows = payments.map(
    (p) => html`<tr><td>${formatDateTime(l, p.paidAt, req.agency.timeZone)}</td><td>${p.ref1}</td>
<td>${formatBaht(p.amountSatang)}</td><td>${t(l, `finance.source.${p.source}`)}</td>
<td>${
      p.reviewedAt
        ? t(l, "finance.review.reviewed")
        : html`<form method="post" action="${base}/payments/${p.id}/review">${csrfField(req)}<input type="hidden" name="date" value="${date}"><button type="submit">${t(l, "finance.review.one")}</button></form>`
    }</td></tr>`,
  );
  return html`<h1>${t(l, "finance.review.title", { date: formatDate(l, date) })}</h1>
<form method="get" action="${base}/day"><label>${t(l, "finance.date")} <input type="date" name="date" value="${date}"></label> <button type="submit">${t(l, "finance.show")}</button></form>
${
  payments.length === 0
    ? html`<p>${t(l, "finance.review.empty")}</p>`
    : html`<div class="table-wrap" tabindex="0"><table><thead><tr><th>${t(l, "finance.col.time")}</th><th>${t(l, "finance.col.ref1")}</th><th>${t(l, "finance.col.amount")}</th><th>${t(l, "finance.col.source")}</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>
<form method="post" action="${base}/day/review">${csrfField(req)}<input type="hidden" name="date" value="${date}"><button type="submit">${t(l, "finance.review.all")}</button></form>`
}
<p><a href="${base}">${t(l, "finance.home.title")}</a></p>`;
}
