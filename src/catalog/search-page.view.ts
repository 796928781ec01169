import { type Html, html } from "../platform/html.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { textIn } from "./manual-pdf.js";
import type { ServiceVersion } from "./service-versions.repo.js";

/** IF-2: the search box, a plain GET form that works without JavaScript (for the home page too). */
export function searchFormView(lang: Lang, action: string, q = ""): Html {
  return html`<form method="get" action="${action}" role="search">
<label for="q">${t(lang, "search.label")}</label>
<input type="text" id="q" name="q" value="${q}" maxlength="200" inputmode="search" autocomplete="off">
<button type="submit">${t(lang, "search.button")}</button>
</form>`;
}

/** The services found (or all of them without a query), each linked to its page with its summary. */
export function searchResultsView(lang: Lang, basePath: string, q: string, services: ServiceVersion[]): Html {
  const heading =
    q === ""
      ? t(lang, "search.all")
      : services.length > 0
        ? t(lang, "search.results", { count: services.length, q })
        : t(lang, "search.none", { q });
  return html`<h1>${t(lang, q === "" ? "search.all" : "search.title")}</h1>
${searchFormView(lang, `${basePath}/services`, q)}
<p role="status">${heading}${q !== "" && services.length === 0 ? html` <a href="${basePath}/services">${t(lang, "search.all")}</a>` : ""}</p>
<ul class="checks">${services.map(
    (v) => html`<li><a href="${basePath}/services/${v.definition.code}">${textIn(lang, v.definition.name)}</a>
<br><span class="hint">${textIn(lang, v.definition.category)} · ${textIn(lang, v.definition.summary)}</span></li>`,
  )}</ul>`;
}
