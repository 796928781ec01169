import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { Broadcast, BroadcastEvent } from "../broadcast.js";
import type { QuotaState } from "../broadcast-quota.js";
import type { BroadcastAction } from "../broadcast-statuses.js";
import { actionLabel, contentFields, quotaPanel, statusLabel } from "./broadcasts.view.js";

export interface BroadcastPageView {
  broadcast: Broadcast;
  names: { draftedBy: string; editedBy: string; approvedBy: string | null };
  events: (BroadcastEvent & { actorName: string })[];
  /** What the status table, the officer's roles, the four eyes and the LINE channel allow now. */
  actions: readonly BroadcastAction[];
  /** The officer drafted or last edited it: no approval by them (CH-10). */
  own: boolean;
  quota: QuotaState;
  ours: { count: number; reached: number };
  tooBig: boolean;
}

function actForm(req: FastifyRequest, view: BroadcastPageView, action: BroadcastAction): Html {
  const l = req.lang;
  const b = view.broadcast;
  const head = html`${csrfField(req)}<input type="hidden" name="expectedVersion" value="${String(b.version)}">`;
  const url = `${req.basePath}/office/broadcasts/${b.id}/${action}`;
  if (action === "edit")
    return html`<form method="post" action="${url}"><fieldset><legend>${actionLabel(req, "edit")}</legend>${head}
${b.approvedHash ? html`<p>${t(l, "broadcasts.form.editHint")}</p>` : ""}${contentFields(req, b)}
<p><button type="submit">${t(l, "broadcasts.form.save")}</button></p></fieldset></form>`;
  const reason =
    action === "return"
      ? html`<p><label for="return-reason">${t(l, "broadcasts.page.reason")}</label><br>
<textarea id="return-reason" name="reason" rows="2" maxlength="1000" required></textarea></p>`
      : "";
  return html`<form method="post" action="${url}">${head}${reason}<p><button type="submit">${t(l, `broadcasts.do.${action}` as MessageKey)}</button></p></form>`;
}

/** #17 broadcasts (CH-10): one broadcast — its texts, status, quota and cost, the acts allowed, history. */
export function broadcastPageView(req: FastifyRequest, view: BroadcastPageView): Html {
  const l = req.lang;
  const tz = req.agency.timeZone;
  const b = view.broadcast;
  const lastReturn = [...view.events].reverse().find((e) => e.action === "return");
  const events = view.events.map(
    (e) => html`<tr><td>${formatDateTime(l, new Date(e.at), tz)}</td><td>${actionLabel(req, e.action)}</td>
<td>${e.fromStatus ? html`${statusLabel(req, e.fromStatus)} → ` : ""}${statusLabel(req, e.toStatus)}</td><td>${e.reason ?? "-"}</td><td>${e.actorName}</td></tr>`,
  );
  return html`<h1>${t(l, "broadcasts.page.title", { title: b.title })}</h1>
<p><a href="${req.basePath}/office/broadcasts">${t(l, "broadcasts.page.back")}</a></p>
<dl class="receipt">
<dt>${t(l, "broadcasts.page.status")}</dt><dd data-testid="broadcast-status">${statusLabel(req, b.status)}</dd>
${b.status === "returned" && lastReturn ? html`<dt>${t(l, "broadcasts.page.returnReason")}</dt><dd>${lastReturn.reason ?? ""}</dd>` : ""}
<dt>${t(l, "broadcasts.form.textTh")}</dt><dd class="pre">${b.textTh}</dd>
${b.textEn ? html`<dt>${t(l, "broadcasts.form.textEn")}</dt><dd class="pre" lang="en">${b.textEn}</dd>` : ""}
<dt>${t(l, "broadcasts.page.draftedBy")}</dt><dd>${view.names.draftedBy}</dd>
<dt>${t(l, "broadcasts.page.editedBy")}</dt><dd>${view.names.editedBy}</dd>
${view.names.approvedBy ? html`<dt>${t(l, "broadcasts.page.approvedBy")}</dt><dd>${view.names.approvedBy}</dd>` : ""}
${b.sentAt ? html`<dt>${t(l, "broadcasts.page.sentAt")}</dt><dd>${formatDateTime(l, new Date(b.sentAt), tz)}</dd>` : ""}
${b.estimatedRecipients !== null ? html`<dt>${t(l, "broadcasts.page.reach")}</dt><dd>${String(b.estimatedRecipients)}</dd>` : ""}
${b.status === "failed" && b.failure ? html`<dt>${t(l, "broadcasts.page.failure")}</dt><dd>${b.failure}</dd>` : ""}
</dl>
${b.status === "sent" || b.status === "cancelled" ? "" : quotaPanel(req, view.quota, view.ours, view.tooBig)}
${view.own && (b.status === "submitted") ? html`<p>${t(l, "broadcasts.page.ownHint")}</p>` : ""}
${view.actions.some((a) => a === "approve" || a === "return") ? html`<p>${t(l, "broadcasts.page.stepUpHint")}</p>` : ""}
${view.actions.length ? view.actions.map((a) => actForm(req, view, a)) : html`<p>${t(l, "broadcasts.page.noActions")}</p>`}
<h2>${t(l, "broadcasts.page.history")}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="${t(l, "broadcasts.page.history")}"><table>
<thead><tr><th scope="col">${t(l, "broadcasts.page.col.at")}</th><th scope="col">${t(l, "broadcasts.page.col.action")}</th>
<th scope="col">${t(l, "broadcasts.page.col.change")}</th><th scope="col">${t(l, "broadcasts.page.col.reason")}</th><th scope="col">${t(l, "broadcasts.page.col.actor")}</th></tr></thead>
<tbody>${events}</tbody></table></div>`;
}
