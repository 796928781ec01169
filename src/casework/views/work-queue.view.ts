import type { FastifyRequest } from "fastify";
import { html } from "../../platform/html.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { WorkQueue } from "../list-work-queue.js";
import { clockClass, clockText } from "./clock-text.js";

export interface WorkQueueView {
  base: string;
  queue: WorkQueue;
  /** The units an agency-wide officer may filter by (none for unit officers). */
  units: { id: string; name: string }[];
  staffNames: Map<string, string>;
  timeZone: string;
}

/** RV-1: the officer's queue, first come first served, with its views and the unit filter. */
export function workQueueView(req: FastifyRequest, view: WorkQueueView) {
  const l = req.lang;
  const { queue } = view;
  const link = (params: Record<string, string | undefined>) =>
    `${view.base}/work?${new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString()}`;
  const tabs = queue.views.map((v) =>
    v === queue.view
      ? html`<strong aria-current="page">${t(l, `casework.view.${v}` as MessageKey)}</strong> `
      : html`<a href="${link({ view: v, unit: queue.unitId })}">${t(l, `casework.view.${v}` as MessageKey)}</a> `,
  );
  const unitFilter =
    view.units.length > 0
      ? html`<form method="get" action="${view.base}/work" class="filters"><input type="hidden" name="view" value="${queue.view}">
<label>${t(l, "casework.unit")}<select name="unit"><option value="">${t(l, "casework.allUnits")}</option>
${view.units.map((u) => html`<option value="${u.id}"${u.id === queue.unitId ? html` selected` : ""}>${u.name}</option>`)}</select></label>
<button type="submit">${t(l, "casework.filter")}</button></form>`
      : "";
  const rows = queue.rows.map(({ matter, clock }) => {
    const assignee = matter.assignedTo
      ? (view.staffNames.get(matter.assignedTo) ?? "")
      : t(l, "casework.nobody");
    return html`<tr class="${clockClass(clock)}" data-matter="${matter.id}"><td><a href="${view.base}/matters/${matter.id}">${matter.receiptNumber}</a></td>
<td>${matter.subject}</td><td>${t(l, `casework.kind.${matter.kind}`)}</td><td>${t(l, `status.${matter.status}` as MessageKey)}</td>
<td>${assignee}</td><td data-clock="${clock.state}">${clockText(l, clock, view.timeZone)}</td></tr>`;
  });
  const table =
    rows.length === 0
      ? html`<p>${t(l, "casework.empty")}</p>`
      : html`<div class="table-wrap" role="region" aria-labelledby="queue-title" tabindex="0"><table><thead><tr>
<th scope="col">${t(l, "casework.receiptNumber")}</th><th scope="col">${t(l, "casework.subject")}</th><th scope="col">${t(l, "casework.kind")}</th>
<th scope="col">${t(l, "casework.status")}</th><th scope="col">${t(l, "casework.assignee")}</th><th scope="col">${t(l, "casework.clock")}</th>
</tr></thead><tbody>${rows}</tbody></table></div>`;
  const next = queue.next
    ? html`<p><a rel="next" href="${link({ view: queue.view, unit: queue.unitId, after: queue.next })}">${t(l, "casework.next")}</a></p>`
    : "";
  return html`<h1 id="queue-title">${t(l, "casework.queueTitle")}</h1>
<nav aria-label="${t(l, "casework.views")}"><p>${tabs}</p></nav>${unitFilter}${table}${next}`;
}
