import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import type { ProcessingActivity, ProcessingRecord } from "../processing-record.js";

function activitySection(req: FastifyRequest, a: ProcessingActivity, n: number): Html {
  const l = req.lang;
  return html`<section aria-labelledby="act-${n}">
<h2 id="act-${n}">${a.name}</h2>
<dl>
<dt>${t(l, "privacy.record.col.purpose")}</dt><dd>${a.purpose}</dd>
<dt>${t(l, "privacy.record.col.subjects")}</dt><dd>${a.subjects}</dd>
<dt>${t(l, "privacy.record.col.recipients")}</dt><dd>${a.recipients}</dd>
<dt>${t(l, "privacy.record.col.retention")}</dt><dd>${a.retention.map((r) => html`<div>${r}</div>`)}</dd>
<dt>${t(l, "privacy.record.col.security")}</dt><dd>${a.security}</dd>
</dl>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="act-${n}"><table>
<caption>${t(l, "privacy.record.items", { activity: a.name })}</caption>
<thead><tr><th scope="col">${t(l, "privacy.record.col.item")}</th><th scope="col">${t(l, "privacy.record.col.basis")}</th><th scope="col">${t(l, "privacy.record.col.class")}</th></tr></thead>
<tbody>${a.items.map((i) => html`<tr><th scope="row">${i.label}</th><td>${i.basisText}</td><td>${i.classText}</td></tr>`)}</tbody>
</table></div>
</section>`;
}

/** PD-2: the record of processing, the downloads, and (for admins) the form naming the agency's officer. */
export function processingRecordView(req: FastifyRequest, record: ProcessingRecord, isAdmin: boolean): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/privacy`;
  const officer = record.officer;
  return html`<h1>${t(l, "privacy.record.title")}</h1>
<p>${t(l, "privacy.record.intro")}</p>
<dl>
<dt>${t(l, "privacy.record.col.controller")}</dt><dd>${record.controller}</dd>
<dt>${t(l, "privacy.record.col.officer")}</dt><dd id="officer">${officer ? `${officer.name} (${officer.contact})` : t(l, "privacy.record.officer.none")}</dd>
</dl>
<p><a href="${base}/processing.csv" download>${t(l, "privacy.record.csv")}</a> · <a href="${base}/processing.pdf" download>${t(l, "privacy.record.pdf")}</a> · <a href="${base}/breaches">${t(l, "privacy.breach.title")}</a></p>
${
  isAdmin
    ? html`<form method="post" action="${base}/officer">${csrfField(req)}
<fieldset><legend>${t(l, "privacy.record.officer.set")}</legend>
<label for="officer-name">${t(l, "privacy.record.officer.name")}</label>
<input id="officer-name" name="name" required maxlength="200" value="${officer?.name ?? ""}">
<label for="officer-contact">${t(l, "privacy.record.officer.contact")}</label>
<input id="officer-contact" name="contact" required maxlength="300" value="${officer?.contact ?? ""}">
<button type="submit">${t(l, "privacy.record.officer.save")}</button>
</fieldset></form>`
    : ""
}
${record.activities.map((a, n) => activitySection(req, a, n))}`;
}
