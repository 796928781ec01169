import { type Html, html } from "../../platform/html.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { paymentTermsText } from "../fee-text.js";
import {
  documentCountText,
  durationText,
  feeText,
  type Manual,
  NO_DOCUMENTS,
  NO_FEE,
  timeLimitText,
} from "../manual.js";
import type { RequiredDocument } from "../service-definition.js";
import type { ServiceVersion } from "../service-versions.repo.js";
import { pick } from "./catalog.view.js";

export interface ServicePageView {
  lang: Lang;
  base: string;
  version: ServiceVersion;
  manual: Manual;
  timeZone: string;
  /** The "apply" button; left out for a retired service or a version shown to admins. */
  apply?: { action: string; formToken: string };
  /** #16: sections other rooms add at the end (the service's FAQ). */
  extra?: Html[];
}

const audience = (lang: Lang, doc: RequiredDocument) =>
  [
    doc.required ? "" : t(lang, "service.optional"),
    doc.appliesTo === "juristic" ? t(lang, "service.juristicOnly") : "",
    doc.appliesTo === "person" ? t(lang, "service.personOnly") : "",
  ].filter(Boolean);

/**
 * CM-1, CM-2, IF-2: the citizen manual of one service version, every info.go.th field that has a value,
 * "no fee" and "no documents" said explicitly; printable (the layout's print rules drop the controls).
 */
export function servicePageView(view: ServicePageView): Html {
  const { lang, version, manual } = view;
  const d = version.definition;
  const label = (key: string) => pick(lang, manual.fields.find((f) => f.key === key)?.label);
  const section = (key: string, body: Html | string) =>
    html`<h2 id="${key}">${label(key)}</h2>${typeof body === "string" ? html`<p class="pre">${body}</p>` : body}`;
  const optional = (key: "centralAgency" | "serviceType" | "serviceArea" | "remarks") =>
    d[key] && pick(lang, d[key]).trim() !== "" ? section(key, pick(lang, d[key])) : "";
  const code = d.code;
  return html`
<p><a href="${view.base}/">${t(lang, "service.back")}</a></p>
<h1>${t(lang, "service.manualTitle", { name: pick(lang, d.name) })}</h1>
<p>${pick(lang, d.summary)}</p>
${
  view.apply
    ? html`<form method="post" action="${view.apply.action}" class="apply">
<input type="hidden" name="form_token" value="${view.apply.formToken}">
<input type="hidden" name="lang" value="${lang}">
<button type="submit">${t(lang, "service.apply")}</button></form>`
    : ""
}
${section("responsibleUnit", pick(lang, d.responsibleUnit))}
${optional("centralAgency")}
${optional("serviceType")}
${section("category", pick(lang, d.category))}
${section("legalBasis", html`<ul>${d.legalBasis.map((l) => html`<li>${pick(lang, l)}</li>`)}</ul>`)}
${optional("serviceArea")}
${section("timeLimit", pick(lang, timeLimitText(d)))}
${section(
  "channels",
  html`<ul>${d.channels.map(
    (c) =>
      html`<li>${pick(lang, c.place)}<br>${pick(lang, c.hours)}${c.note ? html`<br><span class="hint">${pick(lang, c.note)}</span>` : ""}</li>`,
  )}</ul>`,
)}
${section("conditions", pick(lang, d.conditions))}
${section(
  "steps",
  html`<ol>${d.steps.map(
    (s) =>
      html`<li><strong>${pick(lang, s.kind)}</strong> (${pick(lang, durationText(s.duration, s.durationUnit))})<br>${pick(lang, s.detail)}<br><span class="hint">${pick(lang, s.responsible)}${s.note ? html` — ${pick(lang, s.note)}` : ""}</span></li>`,
  )}</ol><p><strong>${t(lang, "service.totalTime")}</strong>: ${pick(lang, timeLimitText(d))}</p>`,
)}
${section(
  "documents",
  d.documents.length === 0
    ? html`<p>${pick(lang, NO_DOCUMENTS)}</p>`
    : html`<ul>${d.documents.map(
        (doc) =>
          html`<li><strong>${pick(lang, doc.name)}</strong>${audience(lang, doc).map((a) => html` <span class="badge-note">(${a})</span>`)}<br>${pick(lang, documentCountText(doc))}${doc.issuer ? html`<br>${t(lang, "service.issuer")}: ${pick(lang, doc.issuer)}` : ""}${doc.note ? html`<br><span class="hint">${pick(lang, doc.note)}</span>` : ""}</li>`,
      )}</ul>`,
)}
${section(
  "fees",
  d.noFee || d.fees.length === 0
    ? html`<p>${pick(lang, NO_FEE)}</p>`
    : html`<ul>${d.fees.map((f) => html`<li>${pick(lang, feeText(f, d.form))}</li>`)}</ul>
<p>${pick(lang, paymentTermsText(d.payment))}</p>`,
)}
${section(
  "complaintChannels",
  html`<ul>${d.complaintChannels.map((c) => html`<li>${pick(lang, c.name)}: ${pick(lang, c.contact)}</li>`)}</ul>`,
)}
${optional("remarks")}
${d.infoGoThUrl ? section("infoGoThUrl", html`<p><a href="${d.infoGoThUrl}">${d.infoGoThUrl}</a></p>`) : ""}
<p class="hint">${t(lang, "service.version", {
    version: version.version,
    date: formatDateTime(lang, version.publishedAt, view.timeZone),
  })}</p>
<h2>${t(lang, "service.downloads")}</h2>
<ul class="downloads">
<li><a href="${view.base}/services/${code}/manual.pdf">PDF</a></li>
<li><a href="${view.base}/services/${code}/manual.json">JSON</a></li>
<li><a href="${view.base}/services/${code}/manual.csv">CSV</a></li>
</ul>
${view.extra ?? ""}`;
}
