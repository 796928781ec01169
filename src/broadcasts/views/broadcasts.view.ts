import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import { type Broadcast, LINE_TEXT_MAX } from "../broadcast.js";
import type { QuotaState } from "../broadcast-quota.js";

/** A status's or an act's label. */
export const statusLabel = (req: FastifyRequest, status: string) =>
  t(req.lang, `broadcasts.status.${status}` as MessageKey);
export const actionLabel = (req: FastifyRequest, action: string) =>
  t(req.lang, `broadcasts.action.${action}` as MessageKey);

const n = (req: FastifyRequest, value: number) => value.toLocaleString(req.lang === "en" ? "en-GB" : "th-TH");

/** CH-10: the month's quota as LINE gives it, Borikan's own count, and whether this broadcast fits. */
export function quotaPanel(
  req: FastifyRequest,
  quota: QuotaState,
  ours: { count: number; reached: number },
  tooBig = false,
): Html {
  const l = req.lang;
  const own = html`<dt>${t(l, "broadcasts.quota.borikan")}</dt><dd data-testid="broadcast-ours">${t(l, "broadcasts.quota.borikanValue", { count: n(req, ours.count), reached: n(req, ours.reached) })}</dd>`;
  if (quota.state !== "ok")
    return html`<section aria-labelledby="quota-h"><h2 id="quota-h">${t(l, "broadcasts.quota.heading")}</h2>
<p role="status" data-testid="broadcast-quota">${t(l, quota.state === "not_configured" ? "broadcasts.quota.notConfigured" : "broadcasts.quota.unavailable")}</p><dl class="receipt">${own}</dl></section>`;
  return html`<section aria-labelledby="quota-h"><h2 id="quota-h">${t(l, "broadcasts.quota.heading")}</h2>
<dl class="receipt" data-testid="broadcast-quota">
<dt>${t(l, "broadcasts.quota.limit")}</dt><dd>${quota.limit === null ? t(l, "broadcasts.quota.unlimited") : n(req, quota.limit)}</dd>
<dt>${t(l, "broadcasts.quota.used")}</dt><dd>${n(req, quota.used)}</dd>
<dt>${t(l, "broadcasts.quota.remaining")}</dt><dd>${quota.remaining === null ? t(l, "broadcasts.quota.unlimited") : n(req, quota.remaining)}</dd>
<dt>${t(l, "broadcasts.quota.reach")}</dt><dd data-testid="broadcast-reach">${quota.reach === null ? t(l, "broadcasts.quota.unknown") : n(req, quota.reach)}</dd>
${own}</dl>${tooBig ? html`<p role="alert">${t(l, "broadcasts.quota.tooBig")}</p>` : ""}</section>`;
}

/** The broadcast's fields (new and edit forms). */
export function contentFields(
  req: FastifyRequest,
  content: { title: string; textTh: string; textEn: string | null },
): Html {
  const l = req.lang;
  return html`<p><label for="b-title">${t(l, "broadcasts.form.title")}</label><br>
<input id="b-title" name="title" maxlength="200" required value="${content.title}"></p>
<p><label for="b-th">${t(l, "broadcasts.form.textTh")}</label><br>
<textarea id="b-th" name="textTh" rows="6" maxlength="${LINE_TEXT_MAX}" required aria-describedby="b-hint">${content.textTh}</textarea></p>
<p><label for="b-en">${t(l, "broadcasts.form.textEn")}</label><br>
<textarea id="b-en" name="textEn" rows="4" maxlength="${LINE_TEXT_MAX}" aria-describedby="b-hint">${content.textEn ?? ""}</textarea></p>
<p id="b-hint">${t(l, "broadcasts.form.textHint", { max: LINE_TEXT_MAX })}</p>`;
}

/** #17 broadcasts (CH-10): the list with statuses, the month's quota, and the link to draft one. */
export function broadcastsListView(
  req: FastifyRequest,
  view: { broadcasts: Broadcast[]; quota: QuotaState; ours: { count: number; reached: number } },
): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/broadcasts`;
  const rows = view.broadcasts.map(
    (b) => html`<tr><td><a href="${base}/${b.id}">${b.title}</a></td><td>${statusLabel(req, b.status)}</td>
<td>${formatDateTime(l, new Date(b.updatedAt), req.agency.timeZone)}</td></tr>`,
  );
  return html`<h1>${t(l, "broadcasts.title")}</h1>
<p>${t(l, "broadcasts.intro")}</p>
<p><a href="${base}/new">${t(l, "broadcasts.new")}</a></p>
${quotaPanel(req, view.quota, view.ours)}
${
  rows.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t(l, "broadcasts.title")}"><table data-testid="broadcast-list"><thead><tr><th scope="col">${t(l, "broadcasts.list.col.title")}</th>
<th scope="col">${t(l, "broadcasts.list.col.status")}</th><th scope="col">${t(l, "broadcasts.list.col.updated")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${t(l, "broadcasts.list.empty")}</p>`
}`;
}

/** The form drafting a new broadcast. */
export function newBroadcastView(req: FastifyRequest): Html {
  const l = req.lang;
  return html`<h1>${t(l, "broadcasts.new")}</h1>
<p><a href="${req.basePath}/office/broadcasts">${t(l, "broadcasts.page.back")}</a></p>
<form method="post" action="${req.basePath}/office/broadcasts">${csrfField(req)}
${contentFields(req, { title: "", textTh: "", textEn: null })}
<p><button type="submit">${t(l, "broadcasts.form.save")}</button></p></form>`;
}
