import type { Agency } from "../../../agencies/index.js";
import { html } from "../../../platform/html.js";
import type { FieldLabels } from "../../../platform/http/form-errors.js";
import { type Lang, t } from "../../../platform/i18n/index.js";

export interface FormValues {
  name?: string;
  email?: string;
  phone?: string;
  subject?: string;
  message?: string;
  confirmed?: boolean;
}

export interface FormView {
  lang: Lang;
  agency: Agency;
  action: string;
  formToken: string;
  values: FormValues;
  error?: { message: string; field?: string };
  limits: { maxFileMb: number; maxRequestMb: number; maxFiles: number };
}

/** The public form's labels by field name, so an error names the field as the applicant sees it. */
export const FORM_LABELS: FieldLabels = {
  name: "form.name",
  email: "form.email",
  phone: "form.phone",
  subject: "form.subject",
  message: "form.message",
};

/** CH-11: the public contact / request form; plain HTML that works without JavaScript. */
export function requestFormView(view: FormView) {
  const { lang, agency, values, error } = view;
  const agencyName = lang === "th" ? agency.nameTh : agency.nameEn;
  const invalid = (field: string) =>
    error?.field === field ? html` aria-invalid="true" aria-describedby="form-error"` : "";
  return html`
<h1>${t(lang, "form.title", { agency: agencyName })}</h1>
<p>${t(lang, "form.intro")}</p>
${
  error
    ? html`<div class="errors" role="alert" id="form-error" tabindex="-1"><h2>${t(lang, "form.errorsTitle")}</h2><p>${error.message}</p></div>`
    : ""
}
<form method="post" action="${view.action}" enctype="multipart/form-data">
<input type="hidden" name="form_token" value="${view.formToken}">
<input type="hidden" name="lang" value="${lang}">
<label for="name">${t(lang, "form.name")} *</label>
<input type="text" id="name" name="name" required maxlength="200" autocomplete="name" value="${values.name ?? ""}"${invalid("name")}>
<p class="hint" id="contact-hint">${t(lang, "form.contactHint")}</p>
<label for="email">${t(lang, "form.email")}</label>
<input type="email" id="email" name="email" maxlength="254" autocomplete="email" inputmode="email" value="${values.email ?? ""}" aria-describedby="contact-hint"${invalid("email")}>
<label for="phone">${t(lang, "form.phone")}</label>
<input type="tel" id="phone" name="phone" maxlength="20" autocomplete="tel" inputmode="tel" value="${values.phone ?? ""}"${invalid("phone")}>
<label for="subject">${t(lang, "form.subject")} *</label>
<input type="text" id="subject" name="subject" required maxlength="300" value="${values.subject ?? ""}"${invalid("subject")}>
<label for="message">${t(lang, "form.message")}</label>
<textarea id="message" name="message" maxlength="20000"${invalid("message")}>${values.message ?? ""}</textarea>
<label for="files">${t(lang, "form.files")}</label>
<p class="hint" id="files-hint">${t(lang, "form.filesHint", view.limits)}</p>
<input type="file" id="files" name="files" multiple aria-describedby="files-hint"
 accept=".pdf,.doc,.docx,.xls,.xlsx,.txt,.jpg,.jpeg,.png,.tif,.tiff,.bmp,.heic,.heif,image/*">
<section class="privacy" aria-labelledby="privacy-title">
<h2 id="privacy-title">${t(lang, "form.privacyTitle")}</h2>
<p>${t(lang, "form.privacy", { agency: agencyName, email: agency.centralEmail })}</p>
</section>
<label class="check"><input type="checkbox" name="confirmed" value="yes" required${values.confirmed ? " checked" : ""}${invalid("confirmed")}>
<span>${t(lang, "form.confirm")}</span></label>
<button type="submit">${t(lang, "form.submit")}</button>
</form>`;
}
