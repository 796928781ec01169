import type { Html } from "../../platform/html.js";
import { html } from "../../platform/html.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { bahtText } from "../baht-text.js";
import { formatBaht } from "../money.js";
import type { PaymentNotice } from "../notice.js";
import type { NoticePayment } from "../notice-payments.repo.js";

export interface ApplicantPaymentView {
  lang: Lang;
  timeZone: string;
  receiptNumber: string;
  notices: PaymentNotice[];
  payments: Map<string, NoticePayment>;
  /** `/requests/:beYear/:sequence` under the agency's prefix, and `?t=…`. */
  base: string;
  query: string;
  /** What the slips and receipts parts add after the notices. */
  sections: Html[];
}

/** One notice: honest state (paid says when), amount in figures and words, deadline, Ref1, how to pay. */
function noticeView(v: ApplicantPaymentView, n: PaymentNotice): Html {
  const { lang } = v;
  const when = (d: Date) => formatDateTime(lang, d, v.timeZone);
  const amount = formatBaht(n.amountSatang);
  const paid = v.payments.get(n.id);
  const href = `${v.base}/payment/${n.id}`;
  const state =
    n.status === "paid" && paid
      ? t(lang, "payment.notice.paidAt", { date: when(paid.paidAt) })
      : n.closedAt && n.status !== "open"
        ? `${t(lang, `payment.notice.status.${n.status}`)} — ${t(lang, "payment.notice.closedAt", { date: when(n.closedAt) })}`
        : t(lang, `payment.notice.status.${n.status}`);
  const pay = n.payTo;
  const open = n.status === "open";
  const qr = !open
    ? ""
    : !pay
      ? html`<p class="notice" data-testid="no-account">${t(lang, "payment.notice.noAccount")}</p>`
      : pay.billerId
        ? html`<figure><img src="${href}/qr.png${v.query}" width="240" height="240" data-testid="qr" alt="${t(lang, "payment.notice.qrAlt", { ref1: n.ref1, amount })}"><figcaption>${t(lang, "payment.notice.qrHelp")}</figcaption></figure>`
        : html`<p class="notice" data-testid="no-qr">${t(lang, "payment.notice.noQr")}</p>`;
  const account = pay
    ? html`<dt>${t(lang, "payment.notice.bank")}</dt><dd>${pay.bankName}</dd>
<dt>${t(lang, "payment.notice.accountNumber")}</dt><dd>${pay.accountNumber}</dd>
<dt>${t(lang, "payment.notice.accountName")}</dt><dd>${pay.accountName}</dd>
${pay.compCode ? html`<dt>${t(lang, "payment.notice.compCode")}</dt><dd data-testid="comp-code">${pay.compCode}</dd>` : ""}`
    : "";
  const lines = n.lines.map(
    (line) =>
      html`<li>${lang === "en" ? line.detail.en || line.detail.th : line.detail.th}${line.basis ? ` (${line.basis})` : ""}: ${t(lang, "payment.notice.amountFigures", { amount: formatBaht(line.amountSatang) })}</li>`,
  );
  return html`<section class="card" data-testid="notice" data-status="${n.status}" aria-labelledby="notice-${n.id}">
<h2 id="notice-${n.id}">${t(lang, `payment.notice.kind.${n.kind}`)} — ${n.ref1}</h2>
<dl class="receipt">
<dt>${t(lang, "payment.notice.state")}</dt><dd data-testid="state">${state}</dd>
<dt>${t(lang, "payment.notice.ref1")}</dt><dd data-testid="ref1">${n.ref1}</dd>
${n.ref2 ? html`<dt>${t(lang, "payment.notice.ref2")}</dt><dd>${n.ref2}</dd>` : ""}
<dt>${t(lang, "payment.notice.amount")}</dt><dd data-testid="amount">${t(lang, "payment.notice.amountFigures", { amount })}</dd>
<dt>${t(lang, "payment.notice.amountWords")}</dt><dd data-testid="amount-words">${bahtText(n.amountSatang)}</dd>
<dt>${t(lang, "payment.notice.due")}</dt><dd data-testid="due">${when(n.dueAt)}</dd>
${open ? account : ""}
</dl>
<h3>${t(lang, "payment.notice.lines")}</h3><ul>${lines}</ul>
${qr}
${open ? html`<p><a href="${href}.pdf${v.query}" data-testid="notice-pdf">${t(lang, "payment.notice.pdf")}</a></p>` : ""}
</section>`;
}

/** PY-1: the applicant's payment page: every notice of the matter, then the other parts' sections. */
export function applicantPaymentView(v: ApplicantPaymentView): Html {
  const { lang } = v;
  const howTo = v.notices.some((n) => n.status === "open")
    ? html`<h2>${t(lang, "payment.notice.howTo")}</h2><ul>
<li>${t(lang, "payment.notice.how.scan")}</li>
<li>${t(lang, "payment.notice.how.slip", { receiptNumber: v.receiptNumber })}</li>
<li>${t(lang, "payment.notice.how.paid")}</li></ul>`
    : "";
  return html`<p>${t(lang, "payment.page.intro", { receiptNumber: v.receiptNumber })}</p>
${v.notices.length === 0 ? html`<p data-testid="no-notices">${t(lang, "payment.page.none")}</p>` : v.notices.map((n) => noticeView(v, n))}
${howTo}
${v.sections}
<p><a href="${v.base}${v.query}">${t(lang, "payment.page.back")}</a></p>`;
}
