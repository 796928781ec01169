import type { Agency } from "../agencies/index.js";
import { html } from "../platform/html.js";
import type { FieldLabels } from "../platform/http/form-errors.js";
import { type Lang, t } from "../platform/i18n/index.js";

export interface LicenceRequestValues {
  name?: string;
  email?: string;
  phone?: string;
  licence?: string;
  need?: string;
  confirmed?: boolean;
}

/** The form's labels by field name, so an error names the field as the requester sees it. */
export const LICENCE_REQUEST_LABELS: FieldLabels = {
  name: "form.name",
  email: "form.email",
  phone: "form.phone",
  licence: "licenceRequest.licence",
  need: "licenceRequest.need",
};

export interface LicenceRequestFormView {
  lang: Lang;
  agency: Agency;
  action: string;
  /** The public register's address (Borikan always publishes one: PR-2). */
  registerUrl: string;
  formToken: string;
  values: LicenceRequestValues;
  error?: { code: string; message: string; field?: string };
}

/** LC-4: the public request for a licence's data; plain HTML that works without JavaScript. */
export function licenceRequestFormView(v: LicenceRequestFormView) {
  const { lang, values, error } = v;
  const agencyName = lang === "th" ? v.agency.nameTh : v.agency.nameEn;
  const invalid = (field: string) =>
    error?.field === field ? html` aria-invalid="true" aria-describedby="form-error"` : "";
  return html`<h1>${t(lang, "licenceRequest.title")}</h1>
<p>${t(lang, "licenceRequest.intro", { agency: agencyName })}</p>
<p class="notice" data-register="published">${t(lang, "licenceRequest.published")} <a href="${v.registerUrl}">${t(lang, "licenceRequest.registerLink")}</a></p>
${
  error
    ? html`<div class="errors" role="alert" id="form-error" tabindex="-1" data-code="${error.code}"><h2>${t(lang, "form.errorsTitle")}</h2><p>${error.message}</p></div>`
    : ""
}
<form method="post" action="${v.action}">
<input type="hidden" name="form_token" value="${v.formToken}">
<input type="hidden" name="lang" value="${lang}">
<label for="name">${t(lang, "form.name")} *</label>
<input type="text" id="name" name="name" required maxlength="200" autocomplete="name" value="${values.name ?? ""}"${invalid("name")}>
<p class="hint" id="contact-hint">${t(lang, "form.contactHint")}</p>
<label for="email">${t(lang, "form.email")}</label>
<input type="email" id="email" name="email" maxlength="254" autocomplete="email" inputmode="email" value="${values.email ?? ""}" aria-describedby="contact-hint"${invalid("email")}>
<label for="phone">${t(lang, "form.phone")}</label>
<input type="tel" id="phone" name="phone" maxlength="20" autocomplete="tel" inputmode="tel" value="${values.phone ?? ""}"${invalid("phone")}>
<label for="licence">${t(lang, "licenceRequest.licence")} *</label>
<input type="text" id="licence" name="licence" required maxlength="300" value="${values.licence ?? ""}"${invalid("licence")}>
<label for="need">${t(lang, "licenceRequest.need")} *</label>
<textarea id="need" name="need" required maxlength="5000"${invalid("need")}>${values.need ?? ""}</textarea>
<p class="hint">${t(lang, "licenceRequest.free")}</p>
<label class="check"><input type="checkbox" name="confirmed" value="yes" required${values.confirmed ? " checked" : ""}${invalid("confirmed")}>
<span>${t(lang, "form.confirm")}</span></label>
<button type="submit">${t(lang, "licenceRequest.submit")}</button>
</form>`;
}
