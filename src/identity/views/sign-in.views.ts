import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { t } from "../../platform/i18n/index.js";
import type { CitizenSession } from "../citizen-sessions.js";

export type Notice = { kind: "ok" | "error"; text: string };

const noticeView = (notice?: Notice) =>
  notice
    ? html`<div class="${notice.kind === "ok" ? "ok" : "errors"}" role="${notice.kind === "ok" ? "status" : "alert"}"><p>${notice.text}</p></div>`
    : "";

/** What can be offered: honest states (an unconfigured channel says so and is not offered as working). */
export interface Channels {
  email: boolean;
  sms: boolean;
  thaid: boolean;
}

const returnQuery = (returnPath: string) => `?return=${encodeURIComponent(returnPath)}`;

export function signInView(
  req: FastifyRequest,
  view: { csrf: string; channels: Channels; returnPath: string; destination?: string; notice?: Notice },
): Html {
  const l = req.lang;
  const base = req.basePath;
  const { channels } = view;
  const byCode = channels.email || channels.sms;
  return html`<h1>${t(l, "signIn.title")}</h1>${noticeView(view.notice)}
<p>${t(l, "signIn.intro")}</p>
<h2>${t(l, "signIn.thaid")}</h2>
${
  channels.thaid
    ? html`<p class="hint">${t(l, "signIn.thaidHint")}</p><p><a class="thaid" href="${base}/account/thaid/start${returnQuery(view.returnPath)}">${t(l, "signIn.thaid")}</a></p>`
    : html`<p class="hint" role="note">${t(l, "signIn.thaidOff")}</p>`
}
<h2>${t(l, "signIn.byCode")}</h2>
${channels.email ? "" : html`<p class="hint" role="note">${t(l, "signIn.emailOff")}</p>`}
${channels.sms ? "" : html`<p class="hint" role="note">${t(l, "signIn.smsOff")}</p>`}
${
  byCode
    ? html`<form method="post" action="${base}/account/sign-in">
<input type="hidden" name="_csrf" value="${view.csrf}"><input type="hidden" name="return" value="${view.returnPath}">
<label for="destination">${t(l, "signIn.destination")}</label>
<p class="hint" id="destination-hint">${t(l, "signIn.destinationHint")}</p>
<input type="text" id="destination" name="destination" required maxlength="320" autocomplete="email" aria-describedby="destination-hint" value="${view.destination ?? ""}">
<button type="submit">${t(l, "signIn.send")}</button></form>`
    : ""
}`;
}

export function codeView(
  req: FastifyRequest,
  view: { csrf: string; codeId: string; channel: "email" | "sms"; returnPath: string; notice?: Notice },
): Html {
  const l = req.lang;
  const base = req.basePath;
  const sent = view.channel === "email" ? "signIn.codeSentEmail" : "signIn.codeSentSms";
  return html`<h1>${t(l, "signIn.codeTitle")}</h1>${view.notice ? noticeView(view.notice) : html`<div class="ok" role="status"><p>${t(l, sent)}</p></div>`}
<form method="post" action="${base}/account/sign-in/code">
<input type="hidden" name="_csrf" value="${view.csrf}"><input type="hidden" name="ticket" value="${view.codeId}"><input type="hidden" name="return" value="${view.returnPath}">
<label for="code">${t(l, "signIn.code")}</label>
<input type="text" id="code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code">
<button type="submit">${t(l, "signIn.verify")}</button></form>
<p><a href="${base}/account/sign-in${returnQuery(view.returnPath)}">${t(l, "signIn.again")}</a></p>`;
}

const when = (req: FastifyRequest, iso: string) =>
  new Date(iso).toLocaleString(req.lang === "th" ? "th-TH" : "en-GB", {
    timeZone: "Asia/Bangkok",
    dateStyle: "medium",
    timeStyle: "short",
  });

export function accountView(
  req: FastifyRequest,
  view: { session: CitizenSession; name: string | null; thaid: boolean; sections: Html[] },
): Html {
  const l = req.lang;
  const base = req.basePath;
  const s = view.session;
  return html`<h1>${t(l, "account.citizenTitle")}</h1>
<div class="ok" role="status"><p>${t(l, "account.signedInAs")}</p></div>
<dl class="receipt">
${view.name ? html`<dt>${t(l, "account.who")}</dt><dd>${view.name}</dd>` : ""}
<dt>${t(l, "account.how")}</dt><dd>${t(l, `account.provider.${s.provider}`)}</dd>
<dt>${t(l, "account.ial")}</dt><dd>${s.ial ?? t(l, "account.noIal")}</dd>
<dt>${t(l, "account.when")}</dt><dd>${when(req, s.signedInAt)}</dd>
</dl>
${
  s.provider !== "thaid" && view.thaid
    ? html`<p class="hint">${t(l, "account.stepUpHint")}</p><p><a href="${base}/account/thaid/start?return=${encodeURIComponent(`${base}/account`)}">${t(l, "account.stepUp")}</a></p>`
    : ""
}
${view.sections}
<form method="post" action="${base}/account/sign-out"><input type="hidden" name="_csrf" value="${s.csrfToken}">
<button type="submit">${t(l, "account.signOut")}</button></form>`;
}
