import type { FastifyRequest } from "fastify";
import { html } from "../../platform/html.js";
import { formatDate } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import type { OutgoingLetterRow } from "../correspondence.table.js";
import {
  enclosuresOf,
  SECRECY_EN,
  SECRECY_TH,
  secrecyOf,
  URGENCY_EN,
  URGENCY_TH,
  urgencyOf,
} from "../letter-labels.js";

export interface LettersPageView {
  base: string;
  beYear: number;
  text: string;
  letters: OutgoingLetterRow[];
  /** The receipt numbers of the entries letters answer (RG-7), by entry id. */
  replyNumbers: Map<string, string>;
  nextHref?: string;
  canWrite: boolean;
}

export const urgencyLabel = (lang: "th" | "en", letter: Pick<OutgoingLetterRow, "urgency">) =>
  (lang === "th" ? URGENCY_TH : URGENCY_EN)[urgencyOf(letter)];
export const secrecyLabel = (lang: "th" | "en", letter: Pick<OutgoingLetterRow, "secrecy">) =>
  (lang === "th" ? SECRECY_TH : SECRECY_EN)[secrecyOf(letter)];

/** ES-1: the outgoing register (ทะเบียนหนังสือส่ง) of a year, its filters, exports and pages. */
export function lettersPageView(req: FastifyRequest, view: LettersPageView) {
  const l = req.lang;
  const query = new URLSearchParams({ year: String(view.beYear) }).toString();
  return html`<h1 id="letters-title">${t(l, "letters.title")} ${view.beYear}</h1>
${view.canWrite ? html`<p><a href="${view.base}/letters/new">${t(l, "letters.new")}</a></p>` : ""}
<form method="get" action="${view.base}/letters" class="filters">
<div><label for="year">${t(l, "letters.year")}</label><input type="number" id="year" name="year" min="2500" max="2700" value="${view.beYear}"></div>
<div><label for="q">${t(l, "letters.find")}</label><input type="search" id="q" name="q" value="${view.text}"></div>
<button type="submit">${t(l, "letters.filter")}</button></form>
<p class="exports"><a href="${view.base}/letters/export.xlsx?${query}">${t(l, "register.exportXlsx")}</a> · <a href="${view.base}/letters/export.csv?${query}">${t(l, "register.exportCsv")}</a></p>
${
  view.letters.length === 0
    ? html`<p>${t(l, "letters.none")}</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="letters-title" tabindex="0"><table><thead><tr><th scope="col">${t(l, "letters.number")}</th><th scope="col">${t(l, "letters.date")}</th><th scope="col">${t(l, "letters.from")}</th><th scope="col">${t(l, "letters.to")}</th><th scope="col">${t(l, "letters.subject")}</th><th scope="col">${t(l, "letters.reference")}</th><th scope="col">${t(l, "letters.enclosures")}</th><th scope="col">${t(l, "letters.urgency")}</th><th scope="col">${t(l, "letters.secrecy")}</th><th scope="col">${t(l, "letters.matter")}</th></tr></thead><tbody>
${view.letters.map((letter) => {
  const replyNumber = letter.replies_to_entry_id && view.replyNumbers.get(letter.replies_to_entry_id);
  return html`<tr data-number="${letter.number}"><td><a href="${view.base}/letters/${letter.id}">${letter.number}</a></td><td>${formatDate(l, letter.letter_date)}</td><td>${letter.from_name}</td><td>${letter.to_name}</td><td>${letter.subject}</td><td>${letter.reference ?? ""}${
    replyNumber
      ? html`${letter.reference ? html`<br>` : ""}${t(l, "letters.repliesTo")} <a href="${view.base}/entries/${letter.replies_to_entry_id}">${replyNumber}</a>`
      : ""
  }</td><td>${enclosuresOf(letter).join(", ")}</td><td>${urgencyLabel(l, letter)}</td><td>${secrecyLabel(l, letter)}</td><td>${
    letter.matter_id
      ? html`<a href="${view.base}/matters/${letter.matter_id}">${t(l, "letters.open")}</a>`
      : ""
  }</td></tr>`;
})}
</tbody></table></div>`
}
${view.nextHref ? html`<p><a href="${view.nextHref}" rel="next">${t(l, "register.next")}</a></p>` : ""}`;
}
