import type { ServiceDefinition } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { errorSummary, fieldId, textField } from "../apply-page.js";
import type { FieldError } from "../validate-answers.js";

/** What the applicant page shows again: the fields as typed. */
export interface ApplicantValues {
  type?: string;
  name?: string;
  idNumber?: string;
  actingName?: string;
  actingId?: string;
  actingPosition?: string;
  email?: string;
  phone?: string;
}

/** FM-5: the applicant step: a person or a juristic person (only the service's types) and contacts. */
export function applicantView(opts: {
  lang: Lang;
  def: ServiceDefinition;
  action: string;
  back: string;
  values: ApplicantValues;
  errors: FieldError[];
  csrf: Html;
}) {
  const { lang, def, values, errors } = opts;
  const v = values;
  const f = (field: string, name: string, label: string, value: string | undefined, extra = {}) =>
    textField({ field, name, label: t(lang, label as never), value, errors, ...extra });
  const types = def.applicantTypes;
  const typeError = errors.find((e) => e.field === "applicant.type");
  const juristic = types.includes("juristic");
  return html`<h1>${t(lang, "apply.applicant.title")}</h1>
${errorSummary(lang, errors)}
<form method="post" action="${opts.action}">${opts.csrf}
${
  types.length > 1
    ? html`<fieldset id="${fieldId("applicant.type")}"><legend>${t(lang, "apply.applicant.type")}</legend>
${typeError ? html`<p class="refused">${typeError.message}</p>` : ""}
${types.map(
  (type) =>
    html`<label class="check"><input type="radio" name="type" value="${type}"${(v.type ?? types[0]) === type ? " checked" : ""}><span>${t(lang, `apply.applicant.${type}`)}</span></label>`,
)}</fieldset>`
    : html`<input type="hidden" name="type" value="${types[0] ?? "person"}"><p>${t(lang, "apply.applicant.type")}: ${t(lang, `apply.applicant.${types[0] ?? "person"}`)}</p>`
}
${f("applicant.name", "name", "apply.applicant.name", v.name, { autocomplete: "name" })}
${f("applicant.idNumber", "idNumber", "apply.applicant.idNumber", v.idNumber, { inputmode: "numeric", maxlength: 20 })}
${
  juristic
    ? html`<fieldset><legend>${t(lang, "apply.applicant.acting")}</legend>
${f("applicant.actingPerson.name", "actingName", "apply.applicant.actingName", v.actingName)}
${f("applicant.actingPerson.idNumber", "actingId", "apply.applicant.actingId", v.actingId, { inputmode: "numeric", maxlength: 20 })}
${f("applicant.actingPerson.position", "actingPosition", "apply.applicant.actingPosition", v.actingPosition)}
</fieldset>`
    : ""
}
<p class="hint">${t(lang, "apply.applicant.contactHint")}</p>
${f("applicant.email", "email", "apply.applicant.email", v.email, { type: "email", autocomplete: "email", maxlength: 254 })}
${f("applicant.phone", "phone", "apply.applicant.phone", v.phone, { type: "tel", autocomplete: "tel", maxlength: 20 })}
<button type="submit">${t(lang, "apply.continue")}</button>
</form>
<p><a href="${opts.back}">${t(lang, "apply.back")}</a></p>`;
}
