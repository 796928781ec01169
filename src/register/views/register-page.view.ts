import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDate, formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { AcknowledgementState } from "../acknowledgement-state.js";
import { CHANNELS, type Entry } from "../entry.js";
import type { RegisterFilter, RegisterLine } from "../register-page.repo.js";
import { ackStatusText } from "./acknowledgement-text.js";

export interface RegisterPageView {
  base: string;
  notices?: Html;
  filter: RegisterFilter;
  entries: RegisterLine[];
  /** Each entry's acknowledgement: by which way, or why not (CH-4). */
  acknowledgements: Map<string, AcknowledgementState>;
  nextHref?: string;
  exportQuery: string;
  units: { id: string; name: string }[];
  checks: { period: string; checked_at: string; display_name: string }[];
  now: Date;
  timeZone: string;
}

/** Overdue or due within the hour, for entries still waiting for their acknowledgement (CH-4). */
export function deadlineState(
  entry: Pick<Entry, "acknowledgedAt" | "status" | "acknowledgeBy">,
  now: Date,
): "overdue" | "due-soon" | undefined {
  if (entry.acknowledgedAt || entry.status === "cancelled") return undefined;
  const left = entry.acknowledgeBy.getTime() - now.getTime();
  return left < 0 ? "overdue" : left <= 3_600_000 ? "due-soon" : undefined;
}

export function registerPageView(req: FastifyRequest, view: RegisterPageView) {
  const l = req.lang;
  const when = (d: Date) => formatDateTime(l, d, view.timeZone);
  const option = (value: string, label: string, current?: string) =>
    html`<option value="${value}"${current === value ? " selected" : ""}>${label}</option>`;
  const checkOf = (period: "morning" | "afternoon") => view.checks.find((c) => c.period === period);
  return html`<h1 id="register-title">${t(l, "register.title", { date: formatDate(l, view.filter.date) })}</h1>
${view.notices ?? ""}
<form method="get" action="${view.base}/register" class="filters">
<div><label for="date">${t(l, "register.date")}</label><input type="date" id="date" name="date" value="${view.filter.date}"></div>
<div><label for="channel">${t(l, "register.channel")}</label><select id="channel" name="channel">${option("", t(l, "register.any"), view.filter.channel ?? "")}${CHANNELS.map((c) => option(c, t(l, `channel.${c}` as MessageKey), view.filter.channel))}</select></div>
<div><label for="status">${t(l, "register.status")}</label><select id="status" name="status">${option("", t(l, "register.any"), view.filter.status ?? "")}${option("unacknowledged", t(l, "register.unacknowledged"), view.filter.status)}${option("received", t(l, "status.received"), view.filter.status)}${option("cancelled", t(l, "register.cancelled"), view.filter.status)}</select></div>
<div><label for="unit">${t(l, "register.unit")}</label><select id="unit" name="unit">${option("", t(l, "register.any"), view.filter.unitId ?? "")}${view.units.map((u) => option(u.id, u.name, view.filter.unitId))}</select></div>
<button type="submit">${t(l, "register.filter")}</button></form>
<section aria-labelledby="checks-title"><h2 id="checks-title">${t(l, "register.checks")}</h2><ul class="checks">
${(["morning", "afternoon"] as const).map((period) => {
  const done = checkOf(period);
  return html`<li>${t(l, `register.check.${period}`)}: ${
    done
      ? t(l, "register.checkDone", { name: done.display_name, at: when(new Date(done.checked_at)) })
      : html`<form class="inline" method="post" action="${view.base}/register/checks">${csrfField(req)}<input type="hidden" name="period" value="${period}"><button type="submit">${t(l, "register.checkRecord")}</button></form>`
  }</li>`;
})}</ul></section>
<p class="exports"><a href="${view.base}/register.xlsx?${view.exportQuery}">${t(l, "register.exportXlsx")}</a> · <a href="${view.base}/register.csv?${view.exportQuery}">${t(l, "register.exportCsv")}</a></p>
${
  view.entries.length === 0
    ? html`<p>${t(l, "register.none")}</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="register-title" tabindex="0"><table><thead><tr><th scope="col">${t(l, "receipt.number")}</th><th scope="col">${t(l, "register.from")}</th><th scope="col">${t(l, "register.subject")}</th><th scope="col">${t(l, "register.channel")}</th><th scope="col">${t(l, "register.received")}</th><th scope="col">${t(l, "register.ackBy")}</th><th scope="col">${t(l, "register.status")}</th></tr></thead><tbody>
${view.entries.map((e) => {
  const state = deadlineState(e, view.now);
  const rowClass = e.status === "cancelled" ? "cancelled" : (state ?? "");
  return html`<tr class="${rowClass}" data-receipt="${e.receiptNumber}"><td><a href="${view.base}/entries/${e.id}">${e.receiptNumber}</a></td><td>${e.senderName}</td><td>${e.subject}</td><td>${t(l, `channel.${e.channel}` as MessageKey)}</td><td>${when(e.receivedAt)}</td><td>${when(e.acknowledgeBy)}${
    state
      ? html` <span class="badge ${state}">${t(l, state === "overdue" ? "register.overdue" : "register.dueSoon")}</span>`
      : ""
  }</td><td data-ack="${view.acknowledgements.get(e.id)?.status ?? ""}">${e.status === "cancelled" ? t(l, "register.cancelled") : ackStatusText(l, view.acknowledgements.get(e.id) ?? { status: "none", via: null, at: null })}${
    // #10, CH-4: an acknowledgement withheld for an officer to look at is flagged in the register too.
    e.ackWithheld && !e.acknowledgedAt && e.status !== "cancelled"
      ? html` <span class="badge due-soon" data-flag="ack-withheld" title="${t(l, `ackWithheld.${e.ackWithheld}` as MessageKey)}">${t(l, "register.flagged")}</span>`
      : ""
  }</td></tr>`;
})}
</tbody></table></div>`
}
${view.nextHref ? html`<p><a href="${view.nextHref}" rel="next">${t(l, "register.next")}</a></p>` : ""}`;
}
