import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import type { FieldLabels } from "../../platform/http/form-errors.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { ServiceDefinition } from "../service-definition.js";
import type { ServiceVersion } from "../service-versions.repo.js";
import type { ServiceSummary } from "../services.repo.js";
import { pick } from "./catalog.view.js";

export type Notice = { kind: "ok" | "error"; text: string; lines?: string[] };

/** The main-fields form's labels by field name, so an error names the field as the admin sees it. */
export const MAIN_FIELD_LABELS = {
  code: "catalogAdmin.code",
  nameTh: "catalogAdmin.nameTh",
  nameEn: "catalogAdmin.nameEn",
  summaryTh: "catalogAdmin.summaryTh",
  summaryEn: "catalogAdmin.summaryEn",
  unitTh: "catalogAdmin.unitTh",
  unitEn: "catalogAdmin.unitEn",
  categoryTh: "catalogAdmin.categoryTh",
  categoryEn: "catalogAdmin.categoryEn",
  legalBasis: "catalogAdmin.legalBasis",
  conditionsTh: "catalogAdmin.conditionsTh",
  conditionsEn: "catalogAdmin.conditionsEn",
  timeLimit: "catalogAdmin.timeLimit",
  dayKind: "catalogAdmin.dayKind",
  infoGoThUrl: "catalogAdmin.infoGoThUrl",
  keywords: "catalogAdmin.keywords",
  json: "catalogAdmin.json",
} as const satisfies FieldLabels;

export const noticesView = (notices: Notice[]) =>
  notices.map((n) =>
    n.kind === "ok"
      ? html`<p class="ok" role="status">${n.text}</p>`
      : html`<div class="errors" role="alert"><h2>${n.text}</h2>${n.lines?.length ? html`<ul>${n.lines.map((l) => html`<li>${l}</li>`)}</ul>` : ""}</div>`,
  );

const STATE_KEYS: Record<ServiceSummary["state"], MessageKey> = {
  draft: "catalogAdmin.state.draft",
  published: "catalogAdmin.state.published",
  retired: "catalogAdmin.state.retired",
};
export const stateText = (req: FastifyRequest, state: ServiceSummary["state"]) =>
  t(req.lang, STATE_KEYS[state]);

/** The main fields of `d` (or empty) as form inputs; `withCode` adds the code, for a new service. */
export function mainFieldsForm(
  req: FastifyRequest,
  d: ServiceDefinition | undefined,
  withCode: boolean,
): Html {
  const l = (name: keyof typeof MAIN_FIELD_LABELS) => t(req.lang, MAIN_FIELD_LABELS[name]);
  const input = (name: keyof typeof MAIN_FIELD_LABELS, value: string | undefined, required = false) =>
    html`<label for="${name}">${l(name)}${required ? " *" : ""}</label><input type="text" id="${name}" name="${name}" value="${value ?? ""}"${required ? html` required` : ""}>`;
  const area = (name: keyof typeof MAIN_FIELD_LABELS, value: string | undefined) =>
    html`<label for="${name}">${l(name)}</label><textarea id="${name}" name="${name}">${value ?? ""}</textarea>`;
  const day = d?.timeLimit.dayKind ?? "business";
  return html`
${withCode ? html`${input("code", undefined, true)}<p class="hint">${t(req.lang, "catalogAdmin.codeHint")}</p>` : ""}
${input("nameTh", d?.name.th, true)}${input("nameEn", d?.name.en)}
${input("summaryTh", d?.summary.th, true)}${input("summaryEn", d?.summary.en)}
${input("unitTh", d?.responsibleUnit.th, true)}${input("unitEn", d?.responsibleUnit.en)}
${input("categoryTh", d?.category.th, true)}${input("categoryEn", d?.category.en)}
${area("legalBasis", d?.legalBasis.map((l) => l.th).join("\n"))}
${area("conditionsTh", d?.conditions.th)}${area("conditionsEn", d?.conditions.en)}
${input("timeLimit", String(d?.timeLimit.amount ?? ""), true)}
<label for="dayKind">${l("dayKind")}</label>
<select id="dayKind" name="dayKind">
<option value="business"${day === "business" ? html` selected` : ""}>${t(req.lang, "catalogAdmin.dayKind.business")}</option>
<option value="calendar"${day === "calendar" ? html` selected` : ""}>${t(req.lang, "catalogAdmin.dayKind.calendar")}</option>
</select>
${input("infoGoThUrl", d?.infoGoThUrl)}
${input("keywords", d?.keywords.join(", "))}`;
}

/** `/office/services`: the catalogue with states and versions, a new service, an import. */
export function servicesListView(
  req: FastifyRequest,
  view: { services: ServiceSummary[]; notices: Notice[]; json?: string },
) {
  const base = `${req.basePath}/office/services`;
  const rows = view.services.map(
    (s) => html`<tr><td><a href="${base}/${s.code}">${s.code}</a></td><td>${pick(req.lang, s.name)}</td>
<td>${stateText(req, s.state)}${s.hasDraft ? html`<br><span class="hint">${t(req.lang, "catalogAdmin.hasDraft")}</span>` : ""}</td>
<td>${s.currentVersion ?? "-"}</td></tr>`,
  );
  return html`
<h1>${t(req.lang, "catalogAdmin.title")}</h1>
${noticesView(view.notices)}
<div class="table-wrap" tabindex="0"><table>
<thead><tr><th scope="col">${t(req.lang, "catalogAdmin.code")}</th><th scope="col">${t(req.lang, "catalogAdmin.nameTh")}</th>
<th scope="col">${t(req.lang, "catalogAdmin.state")}</th><th scope="col">${t(req.lang, "catalogAdmin.version")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<h2>${t(req.lang, "catalogAdmin.importTitle")}</h2>
<p class="hint">${t(req.lang, "catalogAdmin.importHint")}</p>
<form method="post" action="${base}/import" enctype="multipart/form-data">
${csrfField(req)}
<label for="file">${t(req.lang, "catalogAdmin.importFile")}</label>
<input type="file" id="file" name="file" accept="application/json,.json">
<label for="json">${t(req.lang, "catalogAdmin.json")}</label>
<textarea id="json" name="json">${view.json ?? ""}</textarea>
<button type="submit">${t(req.lang, "catalogAdmin.import")}</button>
</form>
<h2>${t(req.lang, "catalogAdmin.createTitle")}</h2>
<form method="post" action="${base}">
${csrfField(req)}
${mainFieldsForm(req, undefined, true)}
<button type="submit">${t(req.lang, "catalogAdmin.create")}</button>
</form>`;
}

/** One service: its state, its draft's actions, and every published version. */
export function serviceAdminView(
  req: FastifyRequest,
  view: { service: ServiceSummary; versions: ServiceVersion[]; timeZone: string; notices: Notice[] },
) {
  const { service } = view;
  const base = `${req.basePath}/office/services/${service.code}`;
  const action = (path: string, key: MessageKey, danger = false) =>
    html`<form method="post" action="${base}/${path}" class="inline">${csrfField(req)}<button type="submit"${danger ? html` class="danger"` : ""}>${t(req.lang, key)}</button></form>`;
  return html`
<p><a href="${req.basePath}/office/services">← ${t(req.lang, "catalogAdmin.title")}</a></p>
<h1>${pick(req.lang, service.name)}</h1>
${noticesView(view.notices)}
<dl class="receipt">
<dt>${t(req.lang, "catalogAdmin.code")}</dt><dd>${service.code}</dd>
<dt>${t(req.lang, "catalogAdmin.state")}</dt><dd>${stateText(req, service.state)}</dd>
<dt>${t(req.lang, "catalogAdmin.version")}</dt><dd>${service.currentVersion ?? "-"}</dd>
<dt>${t(req.lang, "catalogAdmin.draft")}</dt><dd>${service.hasDraft ? t(req.lang, "catalogAdmin.hasDraft") : "-"}</dd>
</dl>
${service.state === "retired" ? html`<p class="errors">${t(req.lang, "catalogAdmin.retiredNotice")}</p>` : ""}
<p><a href="${base}/edit">${t(req.lang, "catalogAdmin.edit")}</a> ·
<a href="${base}/export.json">${t(req.lang, "catalogAdmin.export")}</a>
${service.state === "published" ? html` · <a href="${req.basePath}/services/${service.code}">${t(req.lang, "catalogAdmin.publicPage")}</a>` : ""}</p>
<p>${service.hasDraft ? action("publish", "catalogAdmin.publish") : ""}${service.state !== "retired" && service.currentVersion !== null ? action("retire", "catalogAdmin.retire", true) : ""}</p>
<h2>${t(req.lang, "catalogAdmin.versions")}</h2>
${
  view.versions.length === 0
    ? html`<p>${t(req.lang, "catalogAdmin.noVersions")}</p>`
    : html`<ul>${view.versions.map(
        (v) =>
          html`<li><a href="${base}/versions/${v.version}">${t(req.lang, "catalogAdmin.versionTitle", { name: pick(req.lang, v.definition.name), version: v.version })}</a> — ${formatDateTime(req.lang, v.publishedAt, view.timeZone)} (${v.publishedBy})</li>`,
      )}</ul>`
}`;
}

/** The draft: main fields as a form, the whole definition as JSON. */
export function serviceEditView(
  req: FastifyRequest,
  view: { code: string; definition: ServiceDefinition; json: string; notices: Notice[] },
) {
  const base = `${req.basePath}/office/services/${view.code}`;
  return html`
<p><a href="${base}">← ${pick(req.lang, view.definition.name)}</a></p>
<h1>${t(req.lang, "catalogAdmin.edit")}: ${view.code}</h1>
${noticesView(view.notices)}
<form method="post" action="${base}/draft">
${csrfField(req)}
${mainFieldsForm(req, view.definition, false)}
<button type="submit">${t(req.lang, "catalogAdmin.saveFields")}</button>
</form>
<h2>${t(req.lang, "catalogAdmin.jsonTitle")}</h2>
<p class="hint">${t(req.lang, "catalogAdmin.formatHint")}</p>
<form method="post" action="${base}/draft/json">
${csrfField(req)}
<label for="json">${t(req.lang, "catalogAdmin.json")}</label>
<textarea id="json" name="json" rows="30">${view.json}</textarea>
<button type="submit">${t(req.lang, "catalogAdmin.saveJson")}</button>
</form>`;
}
