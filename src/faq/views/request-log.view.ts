import type { FastifyRequest } from "fastify";
import type { Text } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import { faqHref } from "../faq-query.js";
import { encodeCursor, type KeysetCursor } from "../keyset-cursor.js";
import type { RequestLogLine } from "../request-log.repo.js";
import type { RequestLogParams } from "../request-log-query.js";
import { pick } from "./faq-public.view.js";

export const when = (req: FastifyRequest, iso: string | null | undefined) =>
  iso ? formatDateTime(req.lang, new Date(iso), req.agency.timeZone) : "—";

/** RG-2: the log's filters, its six columns (plus channel and receipt number), its exports. */
export function requestLogListView(
  req: FastifyRequest,
  view: {
    params: RequestLogParams;
    services: { id: string; name: Text }[];
    lines: RequestLogLine[];
    next?: KeysetCursor;
  },
): Html {
  const l = req.lang;
  const { params } = view;
  const path = `${req.basePath}/office/request-log`;
  const filter = { month: params.month, service: params.service, replied: params.replied };
  const option = (value: string, label: string, selected: string) =>
    html`<option value="${value}"${value === selected ? html` selected` : ""}>${label}</option>`;
  const cols = [
    "receipt",
    "channel",
    "receivedAt",
    "repliedAt",
    "requester",
    "subject",
    "informationSource",
    "remarks",
    "faq",
  ] as const;
  const rows = view.lines.map(
    ({ row, entry, repliedAt }) => html`<tr data-log="${row.id}">
<td><a href="${path}/${row.id}">${entry?.receiptNumber ?? "—"}</a></td><td>${entry ? t(l, `channel.${entry.channel}`) : "—"}</td>
<td>${when(req, entry?.receivedAt)}</td><td>${when(req, repliedAt)}</td><td>${entry?.requester ?? ""}</td><td>${entry?.subject ?? ""}</td>
<td>${row.information_source ?? ""}</td><td>${row.remarks ?? ""}</td>
<td>${row.faq_entry_id ? html`<a href="${req.basePath}/faq/${row.faq_entry_id}">${t(l, "faq.log.published")}</a>` : t(l, "faq.log.notPublished")}</td></tr>`,
  );
  return html`<h1>${t(l, "faq.log.title")}</h1>
<form method="get" action="${path}"><div class="filters">
<div><label for="month">${t(l, "faq.log.month")}</label><input type="month" id="month" name="month" value="${params.month}"></div>
<div><label for="service">${t(l, "faq.service")}</label><select id="service" name="service">${option("", t(l, "faq.allServices"), params.service)}${view.services.map((s) => option(s.id, pick(l, s.name), params.service))}</select></div>
<div><label for="replied">${t(l, "faq.log.replied")}</label><select id="replied" name="replied">${option("", t(l, "faq.log.repliedAll"), params.replied)}${option("yes", t(l, "faq.log.repliedYes"), params.replied)}${option("no", t(l, "faq.log.repliedNo"), params.replied)}</select></div>
<button type="submit">${t(l, "faq.log.filter")}</button></div></form>
${
  rows.length === 0
    ? html`<p>${t(l, "faq.log.none")}</p>`
    : html`<div class="table-wrap" tabindex="0"><table><thead><tr>${cols.map((c) => html`<th scope="col">${t(l, `faq.log.${c}`)}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`
}
${view.next ? html`<p><a href="${faqHref(path, { ...filter, after: encodeCursor(view.next) })}">${t(l, "faq.next")}</a></p>` : ""}
<p><a href="${faqHref(`${path}.csv`, filter)}">${t(l, "faq.log.csv")}</a> · <a href="${faqHref(`${path}.xlsx`, filter)}">${t(l, "faq.log.xlsx")}</a></p>
<p><a href="${req.basePath}/office/faq">${t(l, "faq.office.title")}</a></p>`;
}

/** One logged question: the entry's facts, the answer form and, for those who may, "publish as FAQ". */
export function requestLogRowView(
  req: FastifyRequest,
  view: { line: RequestLogLine; services: { id: string; name: Text }[]; mayPublish: boolean },
): Html {
  const l = req.lang;
  const { row, entry, repliedAt } = view.line;
  const path = `${req.basePath}/office/request-log/${row.id}`;
  const field = (label: string, value: string | Html) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const selected = (id: string) => (id === row.service_id ? html` selected` : "");
  return html`<p><a href="${req.basePath}/office/request-log">${t(l, "faq.log.title")}</a></p>
<h1>${entry?.subject ?? row.id}</h1>
<dl class="receipt">
${field(t(l, "faq.log.receipt"), entry ? html`<a href="${req.basePath}/office/matters/${entry.matterId}">${entry.receiptNumber}</a>` : "—")}
${field(t(l, "faq.log.channel"), entry ? t(l, `channel.${entry.channel}`) : "—")}
${field(t(l, "faq.log.receivedAt"), when(req, entry?.receivedAt))}
${field(t(l, "faq.log.requester"), entry?.requester ?? "")}
${field(t(l, "faq.log.repliedAt"), when(req, repliedAt))}
</dl>
<form method="post" action="${path}/reply" class="card">${csrfField(req)}
<div><label for="serviceId">${t(l, "faq.service")}</label><select id="serviceId" name="serviceId"><option value="">—</option>${view.services.map((s) => html`<option value="${s.id}"${selected(s.id)}>${pick(l, s.name)}</option>`)}</select></div>
<div><label for="answer">${t(l, "faq.log.answer")}</label><textarea id="answer" name="answer" rows="5" maxlength="10000" required>${row.answer ?? ""}</textarea></div>
<div><label for="repliedVia">${t(l, "faq.log.repliedVia")}</label><input id="repliedVia" name="repliedVia" maxlength="2000" value="${row.replied_via ?? ""}"></div>
<div><label for="informationSource">${t(l, "faq.log.informationSource")}</label><input id="informationSource" name="informationSource" maxlength="2000" value="${row.information_source ?? ""}"></div>
<div><label for="remarks">${t(l, "faq.log.remarks")}</label><input id="remarks" name="remarks" maxlength="2000" value="${row.remarks ?? ""}"></div>
<button type="submit">${t(l, "faq.log.saveReply")}</button></form>
${
  row.faq_entry_id
    ? html`<p><a href="${req.basePath}/faq/${row.faq_entry_id}">${t(l, "faq.log.published")}</a></p>`
    : row.answer && view.mayPublish
      ? html`<form method="post" action="${path}/publish" class="card">${csrfField(req)}<h2>${t(l, "faq.log.publish")}</h2>
<p class="hint">${t(l, "faq.log.publishHint")}</p>
<div><label for="question">${t(l, "faq.log.question")}</label><textarea id="question" name="question" rows="2" maxlength="500" required>${entry?.subject ?? ""}</textarea></div>
${citationFields(req)}
<button type="submit">${t(l, "faq.office.publish")}</button></form>`
      : row.answer
        ? html`<p class="hint">${t(l, "faq.office.mayNotPublish")}</p>`
        : ""
}`;
}

/** WB-3: the citation's three fields, each with its label. */
export const citationFields = (req: FastifyRequest) =>
  html`<div><label for="regulation">${t(req.lang, "faq.log.regulation")}</label><input id="regulation" name="regulation" maxlength="500"></div>
<div><label for="regulationEffectiveOn">${t(req.lang, "faq.log.effectiveOn")}</label><input type="date" id="regulationEffectiveOn" name="regulationEffectiveOn"></div>
<div><label for="holdsAsOf">${t(req.lang, "faq.log.asOf")}</label><input type="date" id="holdsAsOf" name="holdsAsOf"></div>`;
