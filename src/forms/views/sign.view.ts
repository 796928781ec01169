import type { ServiceVersion } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { errorSummary, fieldId } from "../apply-page.js";
import type { FieldError } from "../validate-answers.js";

/** Where a one-time code stands for this page: not asked, cannot be sent, can be sent, or was sent. */
export type OtpState =
  | { kind: "none" }
  | { kind: "unavailable"; channel: "email" | "sms" }
  | { kind: "no-contact"; channel: "email" | "sms" }
  | { kind: "ready"; channel: "email" | "sms"; to: string; sent: boolean };

/** FM-6: the type-1 signature: the typed full name, the confirm and, when the service asks, the code. */
export function signView(opts: {
  lang: Lang;
  version: ServiceVersion;
  action: (path: string) => string;
  name: string;
  otp: OtpState;
  errors: FieldError[];
  notice?: string;
  csrf: Html;
  back: string;
}) {
  const { lang, errors, otp } = opts;
  const def = opts.version.definition;
  const error = (field: string) => errors.find((e) => e.field === field);
  const described = (field: string) =>
    error(field) ? html` aria-invalid="true" aria-describedby="${fieldId(field)}-error"` : "";
  const message = (field: string) => {
    const e = error(field);
    return e ? html`<p class="refused" id="${fieldId(field)}-error">${e.message}</p>` : "";
  };
  const serviceName = lang === "en" ? (def.name.en ?? def.name.th) : def.name.th;
  return html`<h1>${t(lang, "apply.sign.title")}</h1>
<p>${serviceName} · ${t(lang, "application.version", { version: opts.version.version })}</p>
${errorSummary(lang, errors, (field) => (field.startsWith("step:") ? opts.action(field.slice(5)) : `#${fieldId(field)}`))}
${opts.notice ? html`<div class="errors" role="alert"><p>${opts.notice}</p></div>` : ""}
${
  otp.kind === "none"
    ? ""
    : otp.kind === "unavailable"
      ? html`<div class="errors" data-otp="unavailable"><p>${t(lang, "apply.sign.channelUnavailable")}</p></div>`
      : otp.kind === "no-contact"
        ? html`<div class="errors" data-otp="no-contact"><p>${t(lang, "apply.sign.noContact")}</p><p><a href="${opts.action("applicant")}">${t(lang, "apply.sign.change")}</a></p></div>`
        : html`<p>${t(lang, otp.channel === "email" ? "apply.sign.otpEmail" : "apply.sign.otpSms", { to: otp.to })}</p>
${otp.sent ? html`<p class="ok" role="status" data-otp="sent">${t(lang, "apply.sign.codeSent", { to: otp.to })}</p>` : ""}
<form method="post" action="${opts.action("sign/code")}">${opts.csrf}<button type="submit">${t(lang, "apply.sign.sendCode")}</button></form>`
}
<form method="post" action="${opts.action("sign")}">${opts.csrf}
<p class="hint">${t(lang, "apply.sign.intro")}</p>
<label for="${fieldId("signature.name")}">${t(lang, "apply.sign.name")}</label>
${message("signature.name")}
<input type="text" id="${fieldId("signature.name")}" name="name" maxlength="200" autocomplete="name" value="${opts.name}"${described("signature.name")}>
${
  otp.kind === "ready"
    ? html`<label for="${fieldId("signature.code")}">${t(lang, "apply.sign.code")}</label>${message("signature.code")}
<input type="text" id="${fieldId("signature.code")}" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6"${described("signature.code")}>`
    : ""
}
${message("signature.confirmed")}
<label class="check"><input type="checkbox" id="${fieldId("signature.confirmed")}" name="confirmed" value="yes"${described("signature.confirmed")}>
<span>${t(lang, "apply.sign.confirm")}</span></label>
<button type="submit">${t(lang, "apply.sign.submit")}</button>
</form>
<p><a href="${opts.back}">${t(lang, "apply.back")}</a></p>`;
}
