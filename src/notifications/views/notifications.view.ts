import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, type MessageKey, t } from "../../platform/i18n/index.js";
import type { NotificationView } from "../list-notifications.js";
import {
  NOTIFICATION_EVENTS,
  NOTIFICATION_PLACEHOLDERS,
  REQUIRED_PLACEHOLDERS,
} from "../notification-events.js";
import type { OwnTemplates } from "../notification-templates.js";

/** One notification's line: when, about what, by which channel, and its honest delivery status. */
export const deliveryLabel = (lang: Lang, n: NotificationView) =>
  t(lang, `notify.status.${n.status}` as MessageKey);

/** The officer's panel on the matter page (TR-2, IF-3): every notification and its delivery. */
export function notificationsPanelView(lang: Lang, timeZone: string, list: NotificationView[]): Html {
  const when = (d: Date) => formatDateTime(lang, d, timeZone);
  return html`<section class="panel" data-testid="notifications-panel"><h2>${t(lang, "notify.panel.title")}</h2>
${
  list.length === 0
    ? html`<p>${t(lang, "notify.panel.empty")}</p>`
    : html`<table><thead><tr><th>${t(lang, "notify.panel.when")}</th><th>${t(lang, "notify.panel.event")}</th><th>${t(lang, "notify.panel.channel")}</th><th>${t(lang, "notify.panel.status")}</th></tr></thead><tbody>
${list.map(
  (n) =>
    html`<tr data-status="${n.status}"><td>${when(n.createdAt)}</td><td>${t(lang, `notify.event.${n.event}` as MessageKey)}</td><td>${t(lang, `notify.channel.${n.channel}` as MessageKey)}</td><td>${deliveryLabel(lang, n)}${n.sentAt ? html` (${when(n.sentAt)})` : ""}${n.error ? html`<br><small>${n.error}</small>` : ""}</td></tr>`,
)}</tbody></table>`
}</section>`;
}

/** The admin's page of notification texts: each event's Thai and English wording, empty for the standard. */
export function templatesView(
  req: FastifyRequest,
  view: { action: string; own: OwnTemplates; notice?: { kind: "ok" | "error"; text: string } },
): Html {
  const l = req.lang;
  return html`<h1>${t(l, "notify.admin.title")}</h1>
${view.notice ? html`<p class="${view.notice.kind === "ok" ? "ok" : "error"}" role="${view.notice.kind === "ok" ? "status" : "alert"}">${view.notice.text}</p>` : ""}
<p class="hint">${t(l, "notify.admin.hint", {
    required: REQUIRED_PLACEHOLDERS.map((p) => `{${p}}`).join(" "),
    placeholders: NOTIFICATION_PLACEHOLDERS.map((p) => `{${p}}`).join(" "),
  })}</p>
<form method="post" action="${view.action}">${csrfField(req)}
${NOTIFICATION_EVENTS.map(
  (event) => html`<fieldset><legend>${t(l, `notify.event.${event}` as MessageKey)}</legend>
${(["th", "en"] as const).map(
  (lang) => html`<label for="${event}.${lang}">${lang === "th" ? "ภาษาไทย" : "English"}</label>
<textarea id="${event}.${lang}" name="${event}.${lang}" rows="6">${view.own[event]?.[lang] ?? ""}</textarea>
<details><summary>${t(l, "notify.admin.default")}</summary><pre>${t(lang, `notify.template.${event}` as MessageKey)}</pre></details>`,
)}</fieldset>`,
)}
<button type="submit">${t(l, "notify.admin.save")}</button></form>`;
}
