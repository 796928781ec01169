import { html } from "../../platform/html.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { searchFormView } from "../search-page.view.js";
import type { Text } from "../service-definition.js";
import type { ServiceVersion } from "../service-versions.repo.js";

export const pick = (lang: Lang, text: Text | undefined): string =>
  (lang === "en" ? text?.en || text?.th : text?.th) ?? "";

export interface CatalogView {
  lang: Lang;
  base: string;
  agencyName: string;
  /** Every published service of the agency. */
  services: ServiceVersion[];
}

/**
 * IF-2, FM-1: the agency's home page: its published services, where people find them, with the search
 * box (answered by `GET /services?q=`), and the general request ("another matter", CH-11) as one of the
 * entries.
 */
export function catalogView(view: CatalogView) {
  const { lang, base } = view;
  const entries = view.services.map((s) => {
    const d = s.definition;
    return html`<li><a href="${base}/services/${d.code}">${pick(lang, d.name)}</a>
<p>${pick(lang, d.summary)}</p><p class="hint">${pick(lang, d.category)}</p></li>`;
  });
  return html`
<h1>${t(lang, "catalog.title", { agency: view.agencyName })}</h1>
<p>${t(lang, "catalog.intro")}</p>
${searchFormView(lang, `${base}/services`)}
<p><a href="${base}/licences">${t(lang, "licenceRegister.homeLink")}</a></p>
<h2>${t(lang, "catalog.all")}</h2>
${entries.length > 0 ? html`<ul class="services">${entries}</ul>` : html`<p>${t(lang, "catalog.none")}</p>`}
<h2>${t(lang, "catalog.otherTitle")}</h2>
<ul class="services"><li><a href="${base}/requests">${t(lang, "catalog.other")}</a>
<p>${t(lang, "catalog.otherSummary")}</p></li></ul>`;
}
