import { type Html, html } from "../../platform/html.js";
import { formatDate, formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, type MessageKey, t } from "../../platform/i18n/index.js";
import type { LicenceVerification } from "../verify-licence.js";

export interface VerifyPageContext {
  lang: Lang;
  timeZone: string;
  /** The host of the agency's licence origin (`eservice.example.go.th`), or null when not set. */
  genuineHost: string | null;
  /** The host this request came to; a warning when it is not the genuine one (LC-3). */
  requestHost: string;
  /** Where the form and the links lead: "" or `/a/<agency>`. */
  basePath: string;
}

/** LC-3: the line on how to recognise the agency's own address, and a warning when this is not it. */
export function genuineHostNotice(ctx: VerifyPageContext): Html {
  if (!ctx.genuineHost)
    return html`<p class="privacy" data-testid="genuine-host">${t(ctx.lang, "verify.genuineUnset")}</p>`;
  const warning =
    ctx.requestHost !== ctx.genuineHost
      ? html`<div class="errors" role="alert" data-testid="wrong-host"><p>${t(ctx.lang, "verify.wrongHost", { here: ctx.requestHost, host: ctx.genuineHost })}</p></div>`
      : "";
  return html`${warning}<p class="privacy" data-testid="genuine-host">${t(ctx.lang, "verify.genuine", { host: ctx.genuineHost })}</p>`;
}

/** The status in Thai and in English whatever the page's language: it may be shown to anyone. */
function statusBanner(verification: LicenceVerification, ctx: VerifyPageContext): Html {
  const { licence, status } = verification;
  const key = `verify.status.${status}` as MessageKey;
  const since =
    licence.statusChangedAt && status !== "valid" && status !== "expired"
      ? html`<p>${t(ctx.lang, "verify.changedAt")}: ${formatDateTime(ctx.lang, new Date(licence.statusChangedAt), ctx.timeZone)}</p>`
      : status === "expired" && licence.validUntil
        ? html`<p>${t(ctx.lang, "verify.validUntil")}: ${formatDate(ctx.lang, licence.validUntil)}</p>`
        : "";
  const reason =
    (status === "suspended" || status === "revoked" || status === "superseded") && licence.statusReason
      ? html`<p>${t(ctx.lang, "verify.reason")}: <span data-testid="status-reason">${licence.statusReason}</span></p>`
      : "";
  const current = verification.current
    ? html`<p><a data-testid="current-edition" href="${ctx.basePath}/verify/${encodeURIComponent(verification.current.number)}?c=${verification.current.verificationCode}">${t(ctx.lang, "verify.currentEdition", { edition: verification.current.edition })}</a></p>`
    : "";
  return html`<div class="${status === "valid" ? "ok" : "errors"}" role="status" data-testid="status" data-status="${status}">
<h2>${t(ctx.lang, "verify.statusHeading")}</h2>
<p class="number" lang="th">${t("th", key)}</p>
<p lang="en">${t("en", key)}</p>
${since}${reason}${current}</div>`;
}

function signingLine(verification: LicenceVerification, ctx: VerifyPageContext): string {
  const { licence, signing } = verification;
  const at = licence.scannedAt ? formatDateTime(ctx.lang, new Date(licence.scannedAt), ctx.timeZone) : "";
  return t(ctx.lang, `verify.signing.${signing}` as MessageKey, { at });
}

/** LC-3: the licence as printed, its current status and how it was signed; no login, nothing else. */
export function verifiedLicenceView(verification: LicenceVerification, ctx: VerifyPageContext): Html {
  const { licence } = verification;
  const { lang } = ctx;
  const validUntil = licence.validUntil
    ? formatDate(lang, licence.validUntil)
    : t(lang, "verify.untilRevoked");
  return html`<h1>${licence.title[lang]}</h1>
${genuineHostNotice(ctx)}
${statusBanner(verification, ctx)}
<dl class="receipt">
<dt>${t(lang, "verify.number")}</dt><dd data-testid="licence-number">${licence.number}</dd>
<dt>${t(lang, "verify.edition")}</dt><dd>${licence.edition}</dd>
<dt>${t(lang, "verify.holder")}</dt><dd data-testid="holder">${licence.holderName}</dd>
${licence.fields.map((field) => html`<dt>${field.label[lang]}</dt><dd class="pre">${field.value}</dd>`)}
<dt>${t(lang, "verify.validFrom")}</dt><dd>${formatDate(lang, licence.validFrom)}</dd>
<dt>${t(lang, "verify.validUntil")}</dt><dd data-testid="valid-until">${validUntil}</dd>
<dt>${t(lang, "verify.signer")}</dt><dd>${licence.signer.name}<br>${licence.signer.position}</dd>
<dt>${t(lang, "verify.signingHeading")}</dt><dd data-testid="signing">${signingLine(verification, ctx)}</dd>
</dl>
${
  licence.conditions.length
    ? html`<h2>${t(lang, "verify.conditions")}</h2><ol>${licence.conditions.map((c) => html`<li>${c[lang]}</li>`)}</ol>`
    : ""
}
<p><a href="${ctx.basePath}/verify">${t(lang, "verify.checkAnother")}</a></p>`;
}

/** LC-3: one and the same answer for a wrong, truncated or unknown number or code. */
export function licenceNotFoundView(ctx: VerifyPageContext): Html {
  return html`<div class="errors" role="alert" data-testid="not-found"><h1>${t(ctx.lang, "verify.notFound.title")}</h1>
<p>${t(ctx.lang, "verify.notFound.body")}</p></div>
${genuineHostNotice(ctx)}
${verifyFormView(ctx, {})}`;
}

/** The form for typing a number and code in (no JavaScript): it leads to the licence's own page. */
export function verifyFormView(ctx: VerifyPageContext, values: { number?: string; code?: string }): Html {
  const { lang } = ctx;
  return html`<form method="get" action="${ctx.basePath}/verify" data-testid="verify-form">
<p>${t(lang, "verify.form.intro")}</p>
<label for="verify-number">${t(lang, "verify.form.number")}</label>
<p class="hint" id="verify-number-hint">${t(lang, "verify.form.numberHint")}</p>
<input type="text" id="verify-number" name="number" maxlength="60" required aria-describedby="verify-number-hint" value="${values.number ?? ""}">
<label for="verify-code">${t(lang, "verify.form.code")}</label>
<p class="hint" id="verify-code-hint">${t(lang, "verify.form.codeHint")}</p>
<input type="text" id="verify-code" name="c" maxlength="20" required autocapitalize="characters" autocomplete="off" spellcheck="false" aria-describedby="verify-code-hint" value="${values.code ?? ""}">
<button type="submit">${t(lang, "verify.form.submit")}</button>
</form>`;
}
