import { type Html, html } from "../../../platform/html.js";
import { type Lang, t } from "../../../platform/i18n/index.js";
import { DRAFT_LIFETIME_DAYS } from "../../drafts.repo.js";

/** The hidden field every POST under /apply carries (see apply-guard.ts). */
export const csrfInput = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

export const backLink = (lang: Lang, href: string | undefined) =>
  href ? html`<p><a href="${href}">${t(lang, "apply.back")}</a></p>` : "";

/** The error summary at the top of a page: each message links to its field (GOV.UK pattern). */
export function errorSummary(
  lang: Lang,
  errors: { href: string; message: string }[],
  title = t(lang, "apply.errorsTitle"),
): Html | "" {
  if (errors.length === 0) return "";
  return html`<div class="errors" role="alert" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${title}</h2>
<ul>${errors.map((e) => html`<li><a href="${e.href}">${e.message}</a></li>`)}</ul>
</div>`;
}

/** "Save and continue later": the resume link emailed to an address the applicant gives. */
export function saveForm(
  lang: Lang,
  action: string,
  csrf: string,
  returnTo: string,
  email: string | null,
  error?: string,
) {
  return html`<section class="privacy" aria-labelledby="save-title">
<h2 id="save-title">${t(lang, "apply.saveTitle")}</h2>
<form method="post" action="${action}">
${csrfInput(csrf)}<input type="hidden" name="return" value="${returnTo}">
<label for="save-email">${t(lang, "apply.saveEmail")}</label>
<p class="hint" id="save-email-hint">${t(lang, "apply.saveHint", { days: DRAFT_LIFETIME_DAYS })}</p>
${error ? html`<p class="refused" id="save-email-error">${error}</p>` : ""}
<input type="email" id="save-email" name="email" maxlength="254" autocomplete="email" inputmode="email" spellcheck="false" value="${email ?? ""}" aria-describedby="save-email-hint${error ? " save-email-error" : ""}"${error ? html` aria-invalid="true"` : ""}>
<button type="submit">${t(lang, "apply.saveButton")}</button>
</form>
</section>`;
}
