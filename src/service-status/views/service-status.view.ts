import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import { thaiTimeInput } from "../notice-rules.js";
import type { ServiceNotice } from "../notices.repo.js";
import { NOTICE_KINDS } from "../service-notices.table.js";

export type Notice = { kind: "ok" | "error"; text: string };
/** What the form shows: a notice being edited, or the values just refused. */
export type FormValues = Partial<
  Record<"kind" | "textTh" | "textEn" | "startsAt" | "endsAt" | "reason", string>
>;

const ZONE = "Asia/Bangkok";

export const valuesOf = (n: ServiceNotice): FormValues => ({
  kind: n.kind,
  textTh: n.text_th,
  textEn: n.text_en,
  startsAt: n.kind === "downtime" ? thaiTimeInput(n.starts_at) : "",
  endsAt: n.ends_at ? thaiTimeInput(n.ends_at) : "",
  reason: n.emergency_reason ?? "",
});

/** WS-4: the notice form (new or edit); times in Thai time, downtime 24–48 hours ahead. */
export function noticeForm(req: FastifyRequest, action: string, v: FormValues): Html {
  const l = req.lang;
  const text = (name: "textTh" | "textEn", lang: string) =>
    html`<label for="${name}">${t(l, `status.form.${name}`)}</label><textarea id="${name}" name="${name}" lang="${lang}" maxlength="500" required>${v[name] ?? ""}</textarea>`;
  const time = (name: "startsAt" | "endsAt") =>
    html`<label for="${name}">${t(l, `status.form.${name}`)}</label><input type="datetime-local" id="${name}" name="${name}" value="${v[name] ?? ""}" aria-describedby="timeHint">`;
  return html`<form method="post" action="${action}">${csrfField(req)}
<label for="kind">${t(l, "status.form.kind")}</label>
<select id="kind" name="kind">${NOTICE_KINDS.map((k) => html`<option value="${k}"${v.kind === k ? html` selected` : ""}>${t(l, `status.kind.${k}`)}</option>`)}</select>
${text("textTh", "th")}${text("textEn", "en")}
<p class="hint" id="timeHint">${t(l, "status.form.timeHint")}</p>
${time("startsAt")}${time("endsAt")}
<fieldset><legend>${t(l, "status.form.emergency")}</legend>
<label class="check"><input type="checkbox" name="emergency" value="on"${v.reason ? html` checked` : ""}> ${t(l, "status.form.emergencyCheck")}</label>
<label for="emergencyReason">${t(l, "status.form.emergencyReason")}</label>
<input type="text" id="emergencyReason" name="emergencyReason" maxlength="500" value="${v.reason ?? ""}">
</fieldset>
<button type="submit">${t(l, "status.form.save")}</button></form>`;
}

const when = (req: FastifyRequest, iso: string | null) =>
  iso ? formatDateTime(req.lang, new Date(iso), ZONE) : "—";

/** The list of the agency's notices and the form for a new one. */
export function serviceStatusView(
  req: FastifyRequest,
  v: { notices: ServiceNotice[]; messages: Notice[]; form: FormValues },
): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/service-status`;
  return html`<h1>${t(l, "status.admin.title")}</h1>
${v.messages.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
<p>${t(l, "status.admin.intro")} <a href="${req.basePath}/status.json">status.json</a></p>
${
  v.notices.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t(l, "status.admin.list")}"><table><caption>${t(l, "status.admin.list")}</caption>
<thead><tr><th scope="col">${t(l, "status.form.kind")}</th><th scope="col">${t(l, "status.admin.text")}</th><th scope="col">${t(l, "status.admin.window")}</th><th scope="col">${t(l, "status.admin.state")}</th></tr></thead>
<tbody>${v.notices.map(
        (n) => html`<tr data-notice="${n.id}"><td>${t(l, `status.kind.${n.kind}`)}</td>
<td>${l === "th" ? n.text_th : n.text_en}</td>
<td>${t(l, "status.admin.shownFrom", { at: when(req, n.shown_from) })}<br>${when(req, n.starts_at)} – ${when(req, n.ends_at)}${n.emergency_reason ? html`<br>${t(l, "status.admin.emergency")}` : ""}</td>
<td>${n.status === "active" ? html`<a href="${base}/${n.id}">${t(l, "status.admin.edit")}</a>` : t(l, "status.admin.withdrawn")}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t(l, "status.admin.none")}</p>`
}
<h2>${t(l, "status.admin.new")}</h2>
${noticeForm(req, base, v.form)}`;
}

/** One active notice: the edit form and "withdraw". */
export function editNoticeView(
  req: FastifyRequest,
  v: { notice: ServiceNotice; messages: Notice[]; form: FormValues },
): Html {
  const l = req.lang;
  const action = `${req.basePath}/office/service-status/${v.notice.id}`;
  return html`<h1>${t(l, "status.admin.editTitle")}</h1>
${v.messages.map((n) => html`<div class="errors" role="alert"><p>${n.text}</p></div>`)}
<p><a href="${req.basePath}/office/service-status">${t(l, "status.admin.back")}</a></p>
${noticeForm(req, action, v.form)}
<form method="post" action="${action}/withdraw" class="action">${csrfField(req)}<button type="submit" class="danger">${t(l, "status.admin.withdraw")}</button></form>`;
}
