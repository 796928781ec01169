import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import type { BreachNoticeRow } from "../breach.table.js";
import { breachClock } from "../breach-clock.js";
import { BREACH_RISKS, type BreachAction, NOTICE_METHODS, TELLING_ACTIONS } from "../breach-statuses.js";
import type { Breach } from "../breaches.repo.js";
import { clockText, label, when } from "./breach-labels.js";

export interface BreachPage {
  breach: Breach;
  events: { action: string; to_status: string; reason: string | null; actorName: string; at: string }[];
  notices: Pick<BreachNoticeRow, "recipient" | "method" | "told_at" | "note">[];
  actions: BreachAction[];
  now: Date;
}

/** One act's form: a telling asks when and how, `assess` the risk, `not_notifiable` a reason. */
function actionForm(req: FastifyRequest, page: BreachPage, action: BreachAction): Html {
  const l = req.lang;
  const id = `f-${action}`;
  const telling = TELLING_ACTIONS.includes(action);
  return html`<form method="post" action="${req.basePath}/office/privacy/breaches/${page.breach.id}/${action}">${csrfField(req)}
<input type="hidden" name="expectedUpdatedAt" value="${page.breach.updatedAt}">
<fieldset><legend>${label(req, "privacy.breach.action", action)}</legend>
${
  action === "assess"
    ? html`<label for="${id}-risk">${t(l, "privacy.breach.risk")}</label><select id="${id}-risk" name="risk">${BREACH_RISKS.map(
        (r) =>
          html`<option value="${r}"${r === page.breach.risk ? html` selected` : ""}>${label(req, "privacy.breach.risk", r)}</option>`,
      )}</select>`
    : ""
}
${
  telling
    ? html`<label for="${id}-at">${t(l, "privacy.breach.toldAt")}</label><input id="${id}-at" name="toldAt" type="datetime-local" required>
<label for="${id}-method">${t(l, "privacy.breach.method")}</label><select id="${id}-method" name="method">${NOTICE_METHODS.map(
        (m) => html`<option value="${m}">${label(req, "privacy.breach.method", m)}</option>`,
      )}</select>
<label for="${id}-note">${t(l, "privacy.breach.note")}</label><textarea id="${id}-note" name="note" maxlength="2000" rows="2"></textarea>`
    : ""
}
<label for="${id}-reason">${t(l, action === "not_notifiable" ? "privacy.breach.reasonRequired" : "privacy.breach.reason")}</label>
<textarea id="${id}-reason" name="reason" maxlength="2000" rows="2"${action === "not_notifiable" ? html` required` : ""}></textarea>
<button type="submit">${label(req, "privacy.breach.action", action)}</button>
</fieldset></form>`;
}

/** PD-5: one breach: its facts, the 72-hour clock, whom was told, its history and what may be done next. */
export function breachView(req: FastifyRequest, page: BreachPage): Html {
  const l = req.lang;
  const b = page.breach;
  const clock = breachClock(b, page.now);
  return html`<h1>${t(l, "privacy.breach.one", { at: when(req, b.awareAt) })}</h1>
<p id="clock">${clock.overdue ? html`<strong>${clockText(req, clock)}</strong>` : clockText(req, clock)} (${t(l, "privacy.breach.due", { at: when(req, clock.dueAt.toISOString()) })})</p>
<dl>
<dt>${t(l, "privacy.breach.statusCol")}</dt><dd id="status">${label(req, "privacy.breach.status", b.status)}</dd>
<dt>${t(l, "privacy.breach.occurredAt")}</dt><dd>${when(req, b.occurredAt)}</dd>
<dt>${t(l, "privacy.breach.awareAt")}</dt><dd>${when(req, b.awareAt)}</dd>
<dt>${t(l, "privacy.breach.description")}</dt><dd>${b.description}</dd>
<dt>${t(l, "privacy.breach.dataClasses")}</dt><dd>${b.dataClasses.map((c) => label(req, "privacy.breach.class", c)).join(", ")}</dd>
<dt>${t(l, "privacy.breach.people")}</dt><dd>${b.peopleEstimate}</dd>
<dt>${t(l, "privacy.breach.risk")}</dt><dd>${label(req, "privacy.breach.risk", b.risk)}</dd>
<dt>${t(l, "privacy.breach.measures")}</dt><dd>${b.measures}</dd>
${b.notNotifiableReason ? html`<dt>${t(l, "privacy.breach.notNotifiableReason")}</dt><dd>${b.notNotifiableReason}</dd>` : ""}
</dl>
<h2>${t(l, "privacy.breach.told")}</h2>
${
  page.notices.length
    ? html`<ul>${page.notices.map(
        (n) =>
          html`<li>${label(req, "privacy.breach.recipient", n.recipient)}: ${when(req, n.told_at)}, ${label(req, "privacy.breach.method", n.method)}${n.note ? ` (${n.note})` : ""}</li>`,
      )}</ul>`
    : html`<p>${t(l, "privacy.breach.toldNone")}</p>`
}
<h2>${t(l, "privacy.breach.history")}</h2>
<ol>${page.events.map(
    (e) =>
      html`<li>${when(req, e.at)}: ${label(req, "privacy.breach.action", e.action)} (${e.actorName})${e.reason ? `: ${e.reason}` : ""}</li>`,
  )}</ol>
${page.actions.map((a) => actionForm(req, page, a))}
<p><a href="${req.basePath}/office/privacy/breaches">${t(l, "privacy.breach.back")}</a></p>`;
}
