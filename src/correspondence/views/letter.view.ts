import type { FastifyRequest } from "fastify";
import type { SubjectMessage } from "../../outbox/index.js";
import { html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDate, formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { OutgoingLetterRow } from "../correspondence.table.js";
import { sendableByEmail } from "../issue-letter.js";
import { enclosuresOf } from "../letter-labels.js";
import { secrecyLabel, urgencyLabel } from "./letters-page.view.js";

export interface LetterPageView {
  base: string;
  letter: OutgoingLetterRow;
  replyNumber?: string;
  /** The outbox's honest state of each email of this letter. */
  sendings: SubjectMessage[];
  canSend: boolean;
  timeZone: string;
}

/** ES-1: one letter as registered, its PDF, and its sending by email (never for ลับที่สุด). */
export function letterPageView(req: FastifyRequest, view: LetterPageView) {
  const l = req.lang;
  const { letter } = view;
  const row = (label: string, value: string | ReturnType<typeof html>) =>
    html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  return html`<h1>${t(l, letter.kind === "memo" ? "letters.kind.memo" : "letters.kind.external")} ${t(l, "letters.number")} ${letter.number}</h1>
<p><a href="${view.base}/letters/${letter.id}.pdf">${t(l, "letters.pdf")}</a> · <a href="${view.base}/letters?year=${letter.be_year}">${t(l, "letters.title")}</a></p>
<table class="details"><tbody>
${row(t(l, "letters.date"), formatDate(l, letter.letter_date))}
${row(t(l, "letters.from"), letter.from_name)}
${row(t(l, "letters.to"), letter.to_name)}
${row(t(l, "letters.subject"), letter.subject)}
${row(t(l, "letters.salutation"), letter.salutation)}
${row(t(l, "letters.reference"), letter.reference ?? "")}
${row(t(l, "letters.enclosures"), enclosuresOf(letter).join(", "))}
${row(t(l, "letters.urgency"), urgencyLabel(l, letter))}
${row(t(l, "letters.secrecy"), secrecyLabel(l, letter))}
${row(t(l, "letters.signerName"), `${letter.signer_name} ${letter.signer_position}`)}
${row(t(l, "letters.ownerUnit"), letter.owner_unit)}
${view.replyNumber ? row(t(l, "letters.repliesTo"), html`<a href="${view.base}/entries/${letter.replies_to_entry_id}">${view.replyNumber}</a>`) : ""}
${letter.matter_id ? row(t(l, "letters.matter"), html`<a href="${view.base}/matters/${letter.matter_id}">${t(l, "letters.open")}</a>`) : ""}
</tbody></table>
<h2>${t(l, "letters.body")}</h2>
<div class="letter-body">${letter.body.split(/\r?\n/).map((p) => html`<p>${p}</p>`)}</div>
<section aria-labelledby="sendings-title"><h2 id="sendings-title">${t(l, "letters.sendings")}</h2>
${
  view.sendings.length === 0
    ? html`<p>${t(l, "letters.noSendings")}</p>`
    : html`<ul>${view.sendings.map(
        (s) =>
          html`<li data-status="${s.status}">${s.recipient}: ${t(l, `letters.status.${s.status}` as MessageKey)}${
            s.sentAt ? html` (${formatDateTime(l, new Date(s.sentAt), view.timeZone)})` : ""
          }${s.status === "failed" && s.lastError ? html` — ${s.lastError}` : ""}</li>`,
      )}</ul>`
}
${
  !sendableByEmail(letter)
    ? html`<p class="notice">${t(l, "error.LETTER_TOP_SECRET_NOT_BY_EMAIL")}</p>`
    : view.canSend
      ? html`<form method="post" action="${view.base}/letters/${letter.id}/send">${csrfField(req)}<label for="recipient">${t(l, "letters.recipient")}</label> <input type="email" id="recipient" name="recipient" required maxlength="254" autocomplete="off"> <button type="submit">${t(l, "letters.send")}</button></form>`
      : ""
}</section>`;
}
