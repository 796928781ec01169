import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { formatDate } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { Licence } from "../licence.js";
import { LICENCE_STATUS_LIST } from "../licence-labels.js";

export interface LicenceListView {
  licences: Licence[];
  total: number;
  page: number;
  pages: number;
  status: string;
  q: string;
}

/** The status as a word on the officers' pages. */
const STATUS_KEYS: Record<string, MessageKey> = {
  issued: "licence.office.status.issued",
  superseded: "licence.office.status.superseded",
  suspended: "licence.office.status.suspended",
  revoked: "licence.office.status.revoked",
  expired: "licence.office.status.expired",
};
const ACTION_KEYS: Record<string, MessageKey> = {
  issue: "licence.office.action.issue",
  amend: "licence.office.action.amend",
  renew: "licence.office.action.renew",
  suspend: "licence.office.action.suspend",
  reinstate: "licence.office.action.reinstate",
  revoke: "licence.office.action.revoke",
  expire: "licence.office.action.expire",
};

export const statusLabel = (req: FastifyRequest, status: string) =>
  STATUS_KEYS[status] ? t(req.lang, STATUS_KEYS[status]) : status;

/** An event's action as a word; an action another part records and this page does not know: as is. */
export const actionLabel = (req: FastifyRequest, action: string) =>
  ACTION_KEYS[action] ? t(req.lang, ACTION_KEYS[action]) : action;

export const validUntilText = (req: FastifyRequest, licence: Pick<Licence, "validUntil">) =>
  licence.validUntil ? formatDate(req.lang, licence.validUntil) : t(req.lang, "licence.office.untilRevoked");

/** #15: the agency's licences, filtered by status, searched by number or holder, fifty a page. */
export function licenceListView(req: FastifyRequest, view: LicenceListView): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/licences`;
  const pageLink = (page: number) =>
    `${base}?${new URLSearchParams({ status: view.status, q: view.q, page: String(page) })}`;
  const rows = view.licences.map(
    (licence) => html`<tr>
<td><a href="${base}/${licence.id}">${licence.number}</a>${licence.edition > 1 ? html` <small>(${t(l, "licence.office.edition", { edition: licence.edition })})</small>` : ""}</td>
<td>${licence.holderName}</td>
<td>${licence.title.th} <small>(${licence.serviceCode})</small></td>
<td>${statusLabel(req, licence.status)}</td>
<td>${validUntilText(req, licence)}</td>
</tr>`,
  );
  return html`<h1>${t(l, "licence.office.title")}</h1>
<form method="get" action="${base}" role="search">
<p><label for="licence-q">${t(l, "licence.office.search")}</label> <input id="licence-q" name="q" value="${view.q}" maxlength="100"></p>
<p><label for="licence-status">${t(l, "licence.office.status")}</label> <select id="licence-status" name="status">
<option value="">${t(l, "licence.office.current")}</option>
${LICENCE_STATUS_LIST.map((s) => html`<option value="${s}"${s === view.status ? html` selected` : ""}>${statusLabel(req, s)}</option>`)}
</select> <button type="submit">${t(l, "licence.office.filter")}</button></p>
</form>
<p>${t(l, "licence.office.count", { total: view.total })}</p>
${
  view.licences.length === 0
    ? html`<p>${t(l, "licence.office.none")}</p>`
    : html`<div class="table-wrap" tabindex="0"><table>
<thead><tr><th scope="col">${t(l, "licence.office.number")}</th><th scope="col">${t(l, "licence.office.holder")}</th><th scope="col">${t(l, "licence.office.service")}</th><th scope="col">${t(l, "licence.office.status")}</th><th scope="col">${t(l, "licence.office.validUntil")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
}
${
  view.pages > 1
    ? html`<nav aria-label="${t(l, "licence.office.pages")}"><p>
${view.page > 1 ? html`<a href="${pageLink(view.page - 1)}" rel="prev">${t(l, "licence.office.previous")}</a>` : ""}
${t(l, "licence.office.page", { page: view.page, pages: view.pages })}
${view.page < view.pages ? html`<a href="${pageLink(view.page + 1)}" rel="next">${t(l, "licence.office.next")}</a>` : ""}
</p></nav>`
    : ""
}`;
}
