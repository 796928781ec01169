import { html } from "../../../platform/html.js";
import { type Lang, t } from "../../../platform/i18n/index.js";
import type { PrivacyNotice } from "../../privacy-notice.js";
import { csrfInput } from "./apply-parts.view.js";

/** PD-1: the service's privacy notice, shown before anything is collected; continuing records its version. */
export function privacyView(view: { lang: Lang; notice: PrivacyNotice; action: string; csrf: string }) {
  const { lang, notice } = view;
  return html`<h1>${t(lang, "privacy.title", { service: notice.service })}</h1>
<p>${t(lang, "privacy.intro", { agency: notice.controller })}</p>
<dl class="receipt">
<dt>${t(lang, "privacy.controller")}</dt><dd>${notice.controller}</dd>
<dt>${t(lang, "privacy.purpose")}</dt><dd>${notice.purpose}</dd>
<dt>${t(lang, "privacy.retention")}</dt><dd>${notice.retention}</dd>
<dt>${t(lang, "privacy.contact")}</dt><dd>${notice.contact}</dd>
</dl>
<h2>${t(lang, "privacy.dataTitle")}</h2>
${notice.groups.map(
  (g) => html`<h3>${g.basisText}</h3>
<ul>${g.items.map((i) => html`<li>${i.label} — ${i.classText}</li>`)}</ul>`,
)}
<h2>${t(lang, "privacy.rightsTitle")}</h2>
<p>${t(lang, "privacy.rights")}</p>
<p class="hint">${t(lang, "privacy.version", { version: notice.version })}</p>
<form method="post" action="${view.action}">
${csrfInput(view.csrf)}<input type="hidden" name="version" value="${notice.version}">
<button type="submit">${t(lang, "privacy.accept")}</button>
</form>`;
}
