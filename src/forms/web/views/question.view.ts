import { html } from "../../../platform/html.js";
import { type Lang, t } from "../../../platform/i18n/index.js";
import type { FormDefinition, FormPage } from "../../form-definition.js";
import { backLink, csrfInput, errorSummary, saveForm } from "./apply-parts.view.js";
import { anchorOf, fieldView, type RawInputs } from "./fields.view.js";

export interface QuestionView {
  lang: Lang;
  serviceName: string;
  form: FormDefinition;
  page: FormPage;
  /** The page's fields shown (those not hidden by showIf for the answers so far). */
  fields: string[];
  raw: RawInputs;
  errors: { field: string; message: string }[];
  action: string;
  saveAction: string;
  back?: string;
  csrf: string;
  returnTo?: string;
  email: string | null;
}

/** FM-1: one page of a service's form, server-rendered, usable without JavaScript. */
export function questionView(view: QuestionView) {
  const { lang, form, page } = view;
  const required = new Set((Array.isArray(form.schema.required) ? form.schema.required : []) as string[]);
  const errors = new Map(view.errors.map((e) => [e.field, e.message]));
  const title = lang === "en" ? page.title.en || page.title.th : page.title.th;
  return html`${backLink(lang, view.back)}
${errorSummary(
  lang,
  view.errors.map((e) => ({ href: `#${anchorOf(form, e.field)}`, message: e.message })),
)}
<p class="hint">${view.serviceName}</p>
<h1>${title}</h1>
<form method="post" action="${view.action}" novalidate>
${csrfInput(view.csrf)}<input type="hidden" name="_shown" value="${view.fields.join(",")}">${view.returnTo ? html`<input type="hidden" name="return" value="${view.returnTo}">` : ""}
${view.fields.map((name) => fieldView({ lang, form, raw: view.raw, errors, required }, name))}
<button type="submit" name="_continue" value="1">${t(lang, "apply.continue")}</button>
</form>
${saveForm(lang, view.saveAction, view.csrf, `q/${page.id}`, view.email)}`;
}
