import { type Html, html } from "../../../platform/html.js";
import { type Lang, t } from "../../../platform/i18n/index.js";
import type { Draft } from "../../draft.js";
import type { FormDefinition } from "../../form-definition.js";
import { groupJuristicId, groupNationalId } from "../../thai-ids.js";
import { showAnswer } from "../../thai-inputs.js";
import { backLink, errorSummary, saveForm } from "./apply-parts.view.js";

export interface CheckView {
  lang: Lang;
  serviceName: string;
  form: FormDefinition;
  draft: Draft;
  /** The pages shown, each with its fields shown. */
  pages: { id: string; title: string; fields: string[] }[];
  /** Problems left (an answer made invalid, a required field never filled), linked to their pages. */
  problems: { href: string; message: string }[];
  /** The checklist's name of each document, by its id (FM-2). */
  documentNames: Record<string, string>;
  /** URL of a step of this draft, e.g. stepHref("q/shop"). */
  stepHref: (path: string) => string;
  back?: string;
  /** PY-1: the fees these answers would be asked on approval (an estimate). */
  fees?: Html;
  saveAction: string;
  csrf: string;
}

const row = (term: string, value: string | Html, change?: { href: string; what: string; lang: Lang }) =>
  html`<dt>${term}</dt><dd>${value}${
    change
      ? html` <a href="${change.href}">${t(change.lang, "check.change")}<span class="skip"> ${change.what}</span></a>`
      : ""
  }</dd>`;

/** Check your answers (GOV.UK pattern): the applicant, every answer and document, each with a "change" link. */
export function checkView(view: CheckView) {
  const { lang, draft, form } = view;
  const applicant = draft.applicant;
  const changeApplicant = { href: view.stepHref("applicant"), what: t(lang, "check.applicant"), lang };
  const label = (name: string) => {
    const l = form.ui.fields[name]?.label;
    return l ? (lang === "en" ? l.en || l.th : l.th) : name;
  };
  return html`${backLink(lang, view.back)}
${errorSummary(lang, view.problems, t(lang, "check.problems"))}
<p class="hint">${view.serviceName}</p>
<h1>${t(lang, "check.title")}</h1>
<h2>${t(lang, "check.applicant")}</h2>
${
  applicant
    ? html`<dl class="receipt">
${row(t(lang, "check.applicant"), t(lang, applicant.type === "juristic" ? "check.juristic" : "check.person"))}
${row(t(lang, "check.name"), applicant.name, changeApplicant)}
${applicant.idNumber ? row(t(lang, "check.idNumber"), applicant.type === "juristic" ? groupJuristicId(applicant.idNumber) : groupNationalId(applicant.idNumber)) : ""}
${applicant.actingPerson ? row(t(lang, "check.actingPerson"), [applicant.actingPerson.name, applicant.actingPerson.position].filter(Boolean).join(", ")) : ""}
${row(t(lang, "check.contact"), [applicant.email, applicant.phone].filter(Boolean).join(", ") || t(lang, "check.notAnswered"))}
</dl>`
    : html`<p>${t(lang, "check.applicantMissing")} <a href="${changeApplicant.href}">${t(lang, "check.change")}</a></p>`
}
${view.pages.map(
  (page) => html`<h2>${page.title}</h2>
<dl class="receipt">
${page.fields.map((name) => {
  const shown = showAnswer(form, lang, name, draft.answers[name]);
  return row(label(name), shown || t(lang, "check.notAnswered"), {
    href: `${view.stepHref(`q/${page.id}`)}?return=check#f-${name}`,
    what: label(name),
    lang,
  });
})}
</dl>`,
)}
<h2>${t(lang, "check.documents")}</h2>
${
  draft.documents.length === 0
    ? html`<p>${t(lang, "check.noDocuments")} <a href="${view.stepHref("documents")}">${t(lang, "check.change")}</a></p>`
    : html`<ul>${draft.documents.map(
        (d) =>
          html`<li>${view.documentNames[d.documentId] ? html`<strong>${view.documentNames[d.documentId]}</strong>: ` : ""}${d.filename}${
            // FM-4: a low-resolution scan is accepted, with a warning the applicant sees here.
            d.lowResolution
              ? html`<p class="refused">${t(lang, "check.lowResolution", { dpi: d.dpi ?? "?" })}</p>`
              : ""
          }</li>`,
      )}</ul>
<p><a href="${view.stepHref("documents")}">${t(lang, "check.change")}<span class="skip"> ${t(lang, "check.documents")}</span></a></p>`
}
${view.fees ?? ""}
${
  view.problems.length === 0 && applicant
    ? html`<form method="get" action="${view.stepHref("sign")}"><button type="submit">${t(lang, "check.continue")}</button></form>`
    : ""
}
${saveForm(lang, view.saveAction, view.csrf, "check", draft.email)}`;
}
