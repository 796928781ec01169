import type { FastifyRequest } from "fastify";
import type { Assurance } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { Matter } from "../../register/index.js";
import { meetsAssurance } from "../assurance.js";
import { EVIDENCE_CHECKS } from "../check-evidence.js";

export interface IdentityPanelData {
  matter: Matter;
  required: Assurance;
  reached: { assurance: Assurance; method?: string; recordedAt?: string };
  canRequire: boolean;
  canCheck: boolean;
  applicantName: string;
  address: string;
  /** The application's 13-digit ID passes its checksum (forms' `isThaiNationalId`); null: none given. */
  idChecksumOk: boolean | null;
  proofs: {
    id: string;
    method: string;
    status: string;
    createdAt: string;
    decidedAt: string | null;
    note: string;
  }[];
}

/** ID-1, ID-6: the identity panel of the officer's matter page. */
export function identityPanelView(req: FastifyRequest, d: IdentityPanelData): Html {
  const lang = req.lang;
  const when = (iso: string) => formatDateTime(lang, new Date(iso), req.agency.timeZone);
  const base = `${req.basePath}/office/matters/${d.matter.id}/identity`;
  const met = meetsAssurance(d.reached.assurance, d.required);
  const reachedText = d.reached.method
    ? t(lang, "identity.panel.reachedBy", {
        level: t(lang, `identity.level.${d.reached.assurance}`),
        method: t(lang, `identity.method.${d.reached.method}` as MessageKey),
        at: d.reached.recordedAt ? when(d.reached.recordedAt) : "",
      })
    : t(lang, `identity.level.${d.reached.assurance}`);
  const require = d.canRequire
    ? html`<form method="post" action="${base}/require">${csrfField(req)}<input type="hidden" name="expectedVersion" value="${d.matter.version}">
<button type="submit">${t(lang, "identity.panel.require")}</button></form>`
    : "";
  const pending = d.proofs.filter((p) => p.status === "pending" && p.method === "evidence");
  const checkForm = (p: IdentityPanelData["proofs"][number]) => html`<article data-testid="evidence-${p.id}">
<h3>${t(lang, "identity.panel.evidence", { at: when(p.createdAt) })}</h3>
<p><img src="${base}/proofs/${p.id}/photo" alt="${t(lang, "identity.panel.photoAlt")}" style="max-width:100%;height:auto"></p>
<dl class="receipt"><dt>${t(lang, "identity.panel.name")}</dt><dd>${d.applicantName}</dd>
<dt>${t(lang, "identity.panel.address")}</dt><dd>${d.address || "—"}</dd>
<dt>${t(lang, "identity.panel.idChecksum")}</dt><dd data-testid="id-checksum">${t(lang, d.idChecksumOk === null ? "identity.panel.idNone" : d.idChecksumOk ? "identity.panel.idOk" : "identity.panel.idBad")}</dd></dl>
${
  d.canCheck
    ? html`<form method="post" action="${base}/proofs/${p.id}/check">${csrfField(req)}
<fieldset><legend>${t(lang, "identity.panel.checklist")}</legend>
${EVIDENCE_CHECKS.map((c) => html`<label class="check"><input type="checkbox" name="checks" value="${c}"><span>${t(lang, `identity.check.${c}`)}</span></label>`)}</fieldset>
<fieldset><legend>${t(lang, "identity.panel.outcome")}</legend>
<label class="check"><input type="radio" name="outcome" value="proven" required><span>${t(lang, "identity.panel.proven")}</span></label>
<label class="check"><input type="radio" name="outcome" value="refused"><span>${t(lang, "identity.panel.refused")}</span></label></fieldset>
<label for="note-${p.id}">${t(lang, "identity.panel.note")}</label><textarea id="note-${p.id}" name="note" rows="2"></textarea>
<button type="submit">${t(lang, "identity.panel.record")}</button></form>`
    : ""
}</article>`;
  const history = d.proofs.filter((p) => p.status !== "pending");
  return html`<section class="panel" aria-labelledby="identity-title" data-testid="identity-panel"><h2 id="identity-title">${t(lang, "identity.panel.title")}</h2>
<dl class="receipt"><dt>${t(lang, "identity.required")}</dt><dd data-testid="identity-required">${t(lang, `identity.level.${d.required}`)}</dd>
<dt>${t(lang, "identity.reached")}</dt><dd data-testid="identity-reached">${reachedText}</dd></dl>
<p>${t(lang, d.required === "none" ? "identity.panel.notNeeded" : met ? "identity.panel.met" : "identity.panel.gate", { level: t(lang, `identity.level.${d.required}`) })}</p>
${require}${pending.map(checkForm)}
${
  history.length
    ? html`<ul>${history.map((p) => html`<li data-status="${p.status}">${t(lang, `identity.method.${p.method}` as MessageKey)}: ${t(lang, `identity.status.${p.status}` as MessageKey)}${p.decidedAt ? html` — ${when(p.decidedAt)}` : ""}${p.note ? html` — ${p.note}` : ""}</li>`)}</ul>`
    : ""
}</section>`;
}
