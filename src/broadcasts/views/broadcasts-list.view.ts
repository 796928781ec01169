import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import type { Broadcast } from "../broadcast.js";
import type { QuotaState } from "../broadcast-quota.js";
import { contentFields, quotaPanel, statusLabel } from "./broadcast-parts.view.js";

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
