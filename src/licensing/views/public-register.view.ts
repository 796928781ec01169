import type { Text } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { formatDate } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { Licence } from "../licence.js";
import type { LicenceStatus } from "../licensing.table.js";
import { cursorText, type RegisterParams, registerHref } from "../public-register.query.js";
import { REGISTER_STATUSES, type RegisterCursor } from "../public-register.repo.js";

export const pick = (lang: Lang, text: Text) => (lang === "en" && text.en ? text.en : text.th);

export const statusText = (lang: Lang, status: LicenceStatus) => t(lang, `licenceRegister.status.${status}`);

export function validText(lang: Lang, licence: Licence): string {
  return t(lang, "licenceRegister.validRange", {
    from: formatDate(lang, licence.validFrom),
    until: licence.validUntil
      ? formatDate(lang, licence.validUntil)
      : t(lang, "licenceRegister.untilRevoked"),
  });
}

/** PR-1: every line printed on the licence, as printed (label: value). */
export function printedFieldsList(lang: Lang, licence: Licence): Html {
  return html`<ul>${licence.fields.map((field) => html`<li>${pick(lang, field.label)}: ${field.value}</li>`)}</ul>`;
}

export interface RegisterListView {
  lang: Lang;
  base: string;
  params: RegisterParams;
  services: { code: string; name: Text }[];
  licences: Licence[];
  next?: RegisterCursor;
  // #16 opendata: PR-4, the licence the exports are published under
  licence?: { title: string; url: string };
}

/** PR-1: the register's search form, its table of current licences and the way to the next page. */
export function registerListView(view: RegisterListView): Html {
  const { lang, base, params } = view;
  const path = `${base}/licences`;
  const option = (value: string, label: string, selected: string) =>
    html`<option value="${value}"${value === selected ? html` selected` : ""}>${label}</option>`;
  const rows = view.licences.map(
    (licence) => html`<tr><td><a href="${path}/${licence.id}">${licence.number}</a></td>
<td>${pick(lang, licence.title)}</td><td>${licence.holderName}</td><td>${printedFieldsList(lang, licence)}</td>
<td>${validText(lang, licence)}</td><td>${statusText(lang, licence.status)}</td></tr>`,
  );
  const head = ["number", "licence", "holder", "fields", "valid", "status"] as const;
  return html`<h1>${t(lang, "licenceRegister.title")}</h1>
<p>${t(lang, "licenceRegister.intro")}</p>
<form method="get" action="${path}" role="search"><div class="filters">
<div><label for="q">${t(lang, "licenceRegister.search")}</label><input type="text" id="q" name="q" value="${params.q}" maxlength="200"></div>
<div><label for="service">${t(lang, "licenceRegister.service")}</label><select id="service" name="service">${option("", t(lang, "licenceRegister.anyService"), params.service)}${view.services.map((s) => option(s.code, pick(lang, s.name), params.service))}</select></div>
<div><label for="status">${t(lang, "licenceRegister.status")}</label><select id="status" name="status">${option("", t(lang, "licenceRegister.anyStatus"), params.status)}${REGISTER_STATUSES.map((s) => option(s, statusText(lang, s), params.status))}</select></div>
<button type="submit">${t(lang, "licenceRegister.submit")}</button></div></form>
${
  rows.length === 0
    ? html`<p>${t(lang, "licenceRegister.none")}</p>`
    : html`<div class="table-wrap" tabindex="0"><table><thead><tr>${head.map((c) => html`<th scope="col">${t(lang, `licenceRegister.col.${c}`)}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`
}
<p>${view.next ? html`<a href="${registerHref(path, { ...params, after: cursorText(view.next) })}">${t(lang, "licenceRegister.next")}</a> ` : ""}${params.after ? html`<a href="${registerHref(path, { ...params, after: "" })}">${t(lang, "licenceRegister.first")}</a>` : ""}</p>
<p class="exports">${t(lang, "licenceRegister.exports")} <a href="${path}.csv">CSV</a> · <a href="${path}.json">JSON</a> · <a href="${path}.xlsx">XLSX</a> · <a href="${path}/metadata.json">${t(lang, "licenceRegister.metadata")}</a></p>
${view.licence ? html`<p class="exports" data-testid="open-data-licence">${t(lang, "opendata.register.licence")} ${view.licence.url ? html`<a href="${view.licence.url}" rel="license">${view.licence.title}</a>` : view.licence.title}</p>` : ""}
<p><a href="${registerHref(`${path}/display`, { service: params.service })}">${t(lang, "licenceRegister.displayLink")}</a></p>`;
}

export interface RegisterLicenceView {
  lang: Lang;
  base: string;
  licence: Licence;
  /** LC-3: the licence's verification link on the agency's own origin; null: no origin set. */
  verifyUrl: string | null;
  current?: Licence;
}

/** PR-1, LC-3: one licence as printed, its current status and the link that verifies it. */
export function registerLicenceView(view: RegisterLicenceView): Html {
  const { lang, licence } = view;
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<h1>${pick(lang, licence.title)}</h1>
<p class="number">${licence.number}${licence.edition > 1 ? ` (${t(lang, "licenceRegister.edition", { edition: licence.edition })})` : ""}</p>
<p><strong>${t(lang, "licenceRegister.status")}: ${statusText(lang, licence.status)}</strong></p>
${view.current ? html`<p><a href="${view.base}/licences/${view.current.id}">${t(lang, "licenceRegister.supersededBy", { number: view.current.number })}</a></p>` : ""}
<dl class="receipt">
${row(t(lang, "licenceRegister.detail.holder"), licence.holderName)}
${licence.fields.map((field) => row(pick(lang, field.label), field.value))}
${row(t(lang, "licenceRegister.detail.validFrom"), formatDate(lang, licence.validFrom))}
${row(t(lang, "licenceRegister.detail.validUntil"), licence.validUntil ? formatDate(lang, licence.validUntil) : t(lang, "licenceRegister.untilRevoked"))}
${row(t(lang, "licenceRegister.detail.signer"), `${licence.signer.name} ${licence.signer.position}`)}
</dl>
${licence.conditions.length > 0 ? html`<h2>${t(lang, "licenceRegister.detail.conditions")}</h2><ol>${licence.conditions.map((c) => html`<li>${pick(lang, c)}</li>`)}</ol>` : ""}
${
  view.verifyUrl
    ? html`<p><a class="track" href="${view.verifyUrl}">${t(lang, "licenceRegister.detail.verify")}</a></p>
<p class="hint">${t(lang, "licenceRegister.verifyHint", { host: new URL(view.verifyUrl).host })}</p>`
    : html`<p>${t(lang, "licenceRegister.noOrigin")}</p>`
}
<p><a href="${view.base}/licences">${t(lang, "licenceRegister.back")}</a></p>`;
}
