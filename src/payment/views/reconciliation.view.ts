import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import { formatBaht } from "../money.js";
import type { PaymentNotice } from "../notice.js";
import type { ReconciliationQueue } from "../read-reconciliation-queue.js";
import type { StatementLineRow } from "../statements.table.js";
import type { Notice } from "./statements.view.js";

/** PY-3: the finance queue: money without a notice, amounts that differ, notices without money. */
export function reconciliationView(req: FastifyRequest, queue: ReconciliationQueue, shown: Notice[]): Html {
  const { lang } = req;
  const tz = req.agency.timeZone;
  const base = `${req.basePath}/office/finance/reconciliation`;
  const at = (iso: string | Date) => formatDateTime(lang, new Date(iso), tz);
  const section = (key: MessageKey, kind: string, rows: Html[], head: Html) =>
    html`<section data-queue="${kind}"><h2>${t(lang, key)} (${rows.length})</h2>${
      rows.length === 0
        ? html`<p>${t(lang, "reconciliation.empty")}</p>`
        : html`<div class="table-wrap" tabindex="0"><table class="list"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`
    }</section>`;
  const lineHead = html`<tr><th>${t(lang, "reconciliation.col.postedAt")}</th><th>${t(lang, "reconciliation.col.amount")}</th><th>${t(lang, "reconciliation.col.ref1")}</th><th>${t(lang, "reconciliation.col.bankReference")}</th><th></th></tr>`;
  const acts = (
    line: StatementLineRow,
    ref1: string,
  ) => html`<form method="post" action="${base}/lines/${line.id}/match" class="inline">${csrfField(req)}
<label>${t(lang, "reconciliation.match")} <input type="text" name="ref1" value="${ref1}" inputmode="numeric" maxlength="20" required></label>
<label>${t(lang, "reconciliation.matchReason")} <input type="text" name="reason" maxlength="500" required></label>
<button type="submit">${t(lang, "reconciliation.match")}</button></form>
<form method="post" action="${base}/lines/${line.id}/ignore" class="inline">${csrfField(req)}
<label>${t(lang, "reconciliation.ignoreReason")} <input type="text" name="reason" maxlength="500" required></label>
<button type="submit">${t(lang, "reconciliation.ignore")}</button></form>`;
  const lineRow = (line: StatementLineRow, extra: Html | string = "") =>
    html`<tr data-line="${line.id}"><td>${at(line.posted_at)}</td><td>${formatBaht(Number(line.amount_satang))}</td><td>${line.ref1 ?? ""}</td><td>${line.bank_reference ?? ""}</td><td>${extra}${acts(line, line.ref1 ?? "")}</td></tr>`;
  const noticeHead = html`<tr><th>Ref1</th><th>${t(lang, "reconciliation.col.amount")}</th><th>${t(lang, "reconciliation.col.dueAt")}</th><th></th></tr>`;
  const noticeRow = (n: PaymentNotice) =>
    html`<tr data-notice="${n.id}"><td>${n.ref1}</td><td>${formatBaht(n.amountSatang)}</td><td>${at(n.dueAt)}</td><td><a href="${req.basePath}/office/matters/${n.matterId}">${t(lang, "reconciliation.col.notice")}</a></td></tr>`;
  return html`<h1>${t(lang, "reconciliation.title")}</h1>
${shown.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
<p class="hint">${t(lang, "reconciliation.matchHint")}</p>
${section(
  "reconciliation.unmatched",
  "unmatched",
  queue.unmatched.map((l) => lineRow(l)),
  lineHead,
)}
${section(
  "reconciliation.differs",
  "differs",
  queue.differs.map(({ line, notice }) =>
    lineRow(
      line,
      notice
        ? html`<p>${t(lang, "reconciliation.col.notice")}: ${notice.ref1} (${formatBaht(notice.amountSatang)})</p>`
        : "",
    ),
  ),
  lineHead,
)}
${section("reconciliation.overdue", "overdue", queue.overdue.map(noticeRow), noticeHead)}
${section("reconciliation.dueSoon", "due-soon", queue.dueSoon.map(noticeRow), noticeHead)}
${section(
  "reconciliation.notifications",
  "notifications",
  queue.notifications.map(
    (
      n,
    ) => html`<tr data-notification="${n.id}"><td>${at(n.paidAt ?? n.receivedAt)}</td><td>${n.amountSatang === null ? "" : formatBaht(n.amountSatang)}</td><td>${n.ref1 ?? ""}</td><td>${n.transactionId ?? ""}</td><td>${t(lang, `reconciliation.outcome.${n.outcome}` as MessageKey)}
<form method="post" action="${base}/notifications/${n.id}/settle" class="inline">${csrfField(req)}
<label>${t(lang, "reconciliation.settleReason")} <input type="text" name="reason" maxlength="500" required></label>
<button type="submit">${t(lang, "reconciliation.settle")}</button></form></td></tr>`,
  ),
  html`<tr><th>${t(lang, "reconciliation.col.postedAt")}</th><th>${t(lang, "reconciliation.col.amount")}</th><th>${t(lang, "reconciliation.col.ref1")}</th><th>${t(lang, "reconciliation.col.bankReference")}</th><th></th></tr>`,
)}`;
}
