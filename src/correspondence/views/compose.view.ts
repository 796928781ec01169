import type { FastifyRequest } from "fastify";
import { html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import { SECRECIES, URGENCIES } from "../correspondence.table.js";
import { SECRECY_EN, SECRECY_TH, URGENCY_EN, URGENCY_TH } from "../letter-labels.js";

/** What the compose form starts with (a reply's recipient and subject, a matter's version). */
export interface ComposeDefaults {
  formKey: string;
  matterId?: string;
  matterVersion?: number;
  replyTo?: { entryId: string; receiptNumber: string };
  toName: string;
  subject: string;
  salutation: string;
  reference: string;
  signerName: string;
  ownerUnit: string;
}

/** ES-1, RG-7: the form of a letter's fields, in the regulation's order; numbered when kept. */
export function composeView(req: FastifyRequest, base: string, d: ComposeDefaults) {
  const l = req.lang;
  const field = (name: string, label: string, value = "", required = true) =>
    html`<div><label for="${name}">${label}</label><input id="${name}" name="${name}" value="${value}" maxlength="500"${required ? " required" : ""}></div>`;
  const urgency = l === "th" ? URGENCY_TH : URGENCY_EN;
  const secrecy = l === "th" ? SECRECY_TH : SECRECY_EN;
  return html`<h1>${t(l, "letters.new")}</h1>
${d.replyTo ? html`<p>${t(l, "letters.repliesTo")} <a href="${base}/entries/${d.replyTo.entryId}">${d.replyTo.receiptNumber}</a></p>` : ""}
<form method="post" action="${base}/letters/new" class="stack">${csrfField(req)}
<input type="hidden" name="formKey" value="${d.formKey}">
${
  d.matterId
    ? html`<input type="hidden" name="matter" value="${d.matterId}"><input type="hidden" name="expectedVersion" value="${d.matterVersion ?? ""}">
<div><label><input type="checkbox" name="toApplicant" value="yes" checked> ${t(l, "letters.toApplicant")}</label></div>`
    : ""
}
${d.replyTo ? html`<input type="hidden" name="replyTo" value="${d.replyTo.entryId}">` : ""}
<fieldset><legend>${t(l, "letters.kind")}</legend>
<label><input type="radio" name="kind" value="external" checked> ${t(l, "letters.kind.external")}</label>
<label><input type="radio" name="kind" value="memo"> ${t(l, "letters.kind.memo")}</label></fieldset>
<div><label for="urgency">${t(l, "letters.urgency")}</label><select id="urgency" name="urgency">${URGENCIES.map((u) => html`<option value="${u}">${urgency[u]}</option>`)}</select></div>
<div><label for="secrecy">${t(l, "letters.secrecy")}</label><select id="secrecy" name="secrecy">${SECRECIES.map((s) => html`<option value="${s}">${secrecy[s]}</option>`)}</select></div>
${field("toName", t(l, "letters.to"), d.toName)}
${field("subject", t(l, "letters.subject"), d.subject)}
${field("salutation", t(l, "letters.salutation"), d.salutation)}
${field("reference", t(l, "letters.reference"), d.reference, false)}
<div><label for="enclosures">${t(l, "letters.enclosures")}</label><p class="hint" id="enclosures-hint">${t(l, "letters.enclosuresHelp")}</p><textarea id="enclosures" name="enclosures" rows="3" aria-describedby="enclosures-hint"></textarea></div>
<div><label for="body">${t(l, "letters.body")}</label><textarea id="body" name="body" rows="10" required></textarea></div>
${field("closing", t(l, "letters.closing"), "ขอแสดงความนับถือ", false)}
${field("signerName", t(l, "letters.signerName"), d.signerName)}
${field("signerPosition", t(l, "letters.signerPosition"), "", false)}
${field("ownerUnit", t(l, "letters.ownerUnit"), d.ownerUnit)}
<button type="submit">${t(l, "letters.issue")}</button></form>`;
}
