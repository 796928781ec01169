import type { RequiredDocument } from "../catalog/index.js";
import { type Html, html } from "../platform/html.js";
import type { ShownLimits } from "../platform/http/form-errors.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type Lang, t } from "../platform/i18n/index.js";
import type { DeficiencyRecord } from "./deficiency-records.repo.js";

export interface AnswerPageView {
  lang: Lang;
  timeZone: string;
  receiptNumber: string;
  record: DeficiencyRecord;
  checklist: readonly RequiredDocument[];
  letter?: { number: string; href: string };
  trackingHref: string;
  /** Where the forms post (with `?t=`), and their token (an HMAC bound to the record). */
  actions: { acknowledge: string; answer: string };
  csrf: string;
  /** Whether the record still awaits the applicant (else the forms are not shown). */
  awaited: boolean;
  limits: ShownLimits;
  error?: string;
}

/** RV-2: the applicant's page of a deficiency record: what to bring by when, the letter, acknowledge, answer. */
export function answerView(v: AnswerPageView): Html {
  const { lang, record } = v;
  const when = (d: Date) => formatDateTime(lang, d, v.timeZone);
  const name = (id: string) => {
    const doc = v.checklist.find((d) => d.id === id);
    return doc ? (lang === "en" ? (doc.name.en ?? doc.name.th) : doc.name.th) : id;
  };
  const hidden = html`<input type="hidden" name="_csrf" value="${v.csrf}">`;
  return html`<section class="deficiency">
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ""}
<p>${t(lang, "deficiency.answer.intro")}</p>
<ol>${record.items.map((i) => html`<li>${name(i.documentId)} (${t(lang, `deficiency.problem.${i.problem}`)})${i.note ? `: ${i.note}` : ""}</li>`)}</ol>
<p data-deadline-kind="${record.deadlineKind}"><strong>${t(lang, "deficiency.deadline", { days: record.deadlineDays, kind: t(lang, `dayKind.${record.deadlineKind}`), date: when(record.deadline) })}</strong></p>
${v.letter ? html`<p><a href="${v.letter.href}">${t(lang, "deficiency.answer.letter", { number: v.letter.number })}</a></p>` : ""}
${
  record.applicantAcknowledgedAt
    ? html`<p data-acknowledged="yes">${t(lang, "deficiency.answer.acknowledged", { at: when(record.applicantAcknowledgedAt) })}</p>`
    : v.awaited
      ? html`<form method="post" action="${v.actions.acknowledge}">${hidden}<button type="submit">${t(lang, "deficiency.answer.acknowledge")}</button></form>`
      : ""
}
${
  v.awaited
    ? html`<form method="post" action="${v.actions.answer}" enctype="multipart/form-data">${hidden}
<h2>${t(lang, "deficiency.answer.formTitle")}</h2>
<label>${t(lang, "deficiency.answer.text")}<textarea name="text" rows="5" maxlength="20000"></textarea></label>
<label>${t(lang, "deficiency.answer.files", v.limits)}<input type="file" name="files" multiple></label>
<button type="submit">${t(lang, "deficiency.answer.submit")}</button></form>
<p class="hint">${t(lang, "deficiency.answer.otherWays")}</p>`
    : html`<p data-awaited="no">${t(lang, "deficiency.answer.closed")}</p>`
}
<p><a href="${v.trackingHref}">${t(lang, "deficiency.answer.back")}</a></p>
</section>`;
}
