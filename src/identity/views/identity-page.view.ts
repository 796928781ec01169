import type { Assurance } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import type { ShownLimits } from "../../platform/http/form-errors.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { meetsAssurance } from "../assurance.js";

export interface IdentityPageView {
  lang: Lang;
  receiptNumber: string;
  required: Assurance;
  reached: Assurance;
  trackingHref: string;
  /** Where each form posts (with `?t=`); the ThaiD start link returns to this page. */
  actions: {
    thaidStart: string;
    thaidUse: string;
    phone: string;
    verify: string;
    evidence: string;
    certificate: string;
  };
  csrf: string;
  thaidConfigured: boolean;
  /** A ThaiD sign-in in this browser with a proof that may be used. */
  thaidSignedIn: boolean;
  smsConfigured: boolean;
  phoneCodeSent: boolean;
  phoneVerified: boolean;
  evidencePending: boolean;
  limits: ShownLimits;
  notice?: string;
  error?: string;
}

const hidden = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

/** ID-1, ID-2, ID-5: what the decision needs of the applicant's identity and each way to prove it. */
export function identityPageView(v: IdentityPageView): Html {
  const { lang } = v;
  const met = meetsAssurance(v.reached, v.required);
  const head = html`<p>${t(lang, "identity.page.intro", { receiptNumber: v.receiptNumber })}</p>
<dl class="receipt"><dt>${t(lang, "identity.required")}</dt><dd data-testid="required">${t(lang, `identity.level.${v.required}`)}</dd>
<dt>${t(lang, "identity.reached")}</dt><dd data-testid="reached">${t(lang, `identity.level.${v.reached}`)}</dd></dl>
${v.notice ? html`<p class="notice" role="status" data-testid="notice">${v.notice}</p>` : ""}
${v.error ? html`<p class="error" role="alert" data-testid="error">${v.error}</p>` : ""}`;
  const back = html`<p><a href="${v.trackingHref}">${t(lang, "deficiency.answer.back")}</a></p>`;
  if (met) return html`${head}<p data-testid="identity-met">${t(lang, "identity.page.met")}</p>${back}`;
  const thaid = v.thaidConfigured
    ? v.thaidSignedIn
      ? html`<form method="post" action="${v.actions.thaidUse}">${hidden(v.csrf)}<button type="submit">${t(lang, "identity.page.thaidUse")}</button></form>`
      : html`<p><a class="button" data-testid="thaid-start" href="${v.actions.thaidStart}">${t(lang, "identity.page.thaidStart")}</a></p>`
    : html`<p data-testid="thaid-unavailable">${t(lang, "identity.page.thaidUnavailable")}</p>`;
  const phone = !v.smsConfigured
    ? html`<p data-testid="sms-unavailable">${t(lang, "identity.page.smsUnavailable")}</p>`
    : v.phoneVerified
      ? html`<p data-testid="phone-verified">${t(lang, "identity.page.phoneVerified")}</p>`
      : html`<form method="post" action="${v.actions.phone}">${hidden(v.csrf)}
<label>${t(lang, "identity.page.phone")} <input name="phone" type="tel" inputmode="tel" autocomplete="tel" required maxlength="20"></label>
<button type="submit">${t(lang, "identity.page.sendCode")}</button></form>
${
  v.phoneCodeSent
    ? html`<form method="post" action="${v.actions.verify}">${hidden(v.csrf)}
<label>${t(lang, "identity.page.code")} <input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6"></label>
<button type="submit">${t(lang, "identity.page.verifyCode")}</button></form>`
    : ""
}`;
  const evidence = v.evidencePending
    ? html`<p data-testid="evidence-pending">${t(lang, "identity.page.evidencePending")}</p>`
    : html`${phone}
<form method="post" action="${v.actions.evidence}" enctype="multipart/form-data">${hidden(v.csrf)}
<label>${t(lang, "identity.page.photo")} <input type="file" name="photo" accept="image/jpeg,image/png,image/heic" required></label>
<p><small>${t(lang, "identity.page.limits", { maxFileMb: v.limits.maxFileMb })}</small></p>
<button type="submit"${v.phoneVerified ? "" : html` disabled`}>${t(lang, "identity.page.sendEvidence")}</button></form>`;
  return html`${head}
<section><h2>${t(lang, "identity.page.thaid")}</h2>${thaid}</section>
<section><h2>${t(lang, "identity.page.evidence")}</h2><p>${t(lang, "identity.page.evidenceHow")}</p>${evidence}</section>
<section><h2>${t(lang, "identity.page.certificate")}</h2><p>${t(lang, "identity.page.certificateHow")}</p>
<form method="post" action="${v.actions.certificate}" enctype="multipart/form-data">${hidden(v.csrf)}
<label>${t(lang, "identity.page.document")} <input type="file" name="document" accept="application/pdf" required></label>
<button type="submit">${t(lang, "identity.page.sendCertificate")}</button></form></section>
${back}`;
}
