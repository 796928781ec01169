import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { MatterActionRecord } from "../../register/index.js";
import type { MatterRead } from "../read-matter.js";
import type { ClockState } from "../service-level.js";
import type { CaseworkAction } from "../take-matter-action.js";
import { clockText } from "./clock-text.js";

export interface MatterView {
  base: string;
  read: MatterRead;
  clock: ClockState;
  units: { id: string; name: string }[];
  staffNames: Map<string, string>;
  /** Active officers of the matter's unit: whom it may be assigned to. */
  assignees: { id: string; name: string }[];
  timeZone: string;
  notice?: { kind: "ok" | "error"; text: string };
  /** What the other parts show (checks, deficiency record, approval, letters, notifications). */
  panels: Html[];
}

const actionLabel = (l: FastifyRequest["lang"], action: string) =>
  t(l, `casework.action.${action}` as MessageKey);

/** The officer's matter page: header and clock, entries, the whole timeline, the actions, the panels. */
export function matterView(req: FastifyRequest, view: MatterView) {
  const l = req.lang;
  const { matter, entries, actions, allowed } = view.read;
  const when = (d: Date) => formatDateTime(l, d, view.timeZone);
  const unitName = (id: unknown) => view.units.find((u) => u.id === id)?.name ?? t(l, "casework.noUnit");
  const who = (actor: string) =>
    actor.startsWith("staff:")
      ? (view.staffNames.get(actor.slice(6)) ?? actor.slice(6))
      : actor.startsWith("applicant")
        ? t(l, "casework.applicant")
        : t(l, "casework.system");
  const first = entries[0];
  const header = html`<h1>${t(l, "casework.matterTitle", { receiptNumber: matter.receiptNumber })}</h1>
${view.notice ? html`<p class="${view.notice.kind === "ok" ? "ok" : "errors"}" role="status">${view.notice.text}</p>` : ""}
<dl class="receipt">
<dt>${t(l, "casework.receiptNumber")}</dt><dd>${first ? html`<a href="${view.base}/entries/${first.id}">${matter.receiptNumber}</a>` : matter.receiptNumber}</dd>
<dt>${t(l, "casework.subject")}</dt><dd>${matter.subject}</dd>
<dt>${t(l, "casework.kind")}</dt><dd>${t(l, `casework.kind.${matter.kind}`)}</dd>
<dt>${t(l, "casework.status")}</dt><dd data-status="${matter.status}"><strong>${t(l, `status.${matter.status}` as MessageKey)}</strong><br>${t(l, `status.${matter.status}.explain` as MessageKey)}</dd>
<dt>${t(l, "casework.unit")}</dt><dd>${unitName(matter.unitId)}</dd>
<dt>${t(l, "casework.assignee")}</dt><dd>${matter.assignedTo ? (view.staffNames.get(matter.assignedTo) ?? "") : t(l, "casework.nobody")}</dd>
${matter.clockStart ? html`<dt>${t(l, "casework.clockStart")}</dt><dd>${when(matter.clockStart)}</dd>` : ""}
${matter.timeLimit ? html`<dt>${t(l, "casework.timeLimit")}</dt><dd>${matter.timeLimit.amount} ${t(l, `clock.${matter.timeLimit.dayKind}`)}</dd>` : ""}
<dt>${t(l, "casework.clock")}</dt><dd data-clock="${view.clock.state}">${clockText(l, view.clock, view.timeZone)}</dd>
</dl>`;
  const entryList = html`<h2>${t(l, "casework.entries")}</h2><ul>${entries.map(
    (e) =>
      html`<li><a href="${view.base}/entries/${e.id}">${e.receiptNumber}</a> · ${when(e.receivedAt)} · ${e.senderName} · ${e.subject}</li>`,
  )}</ul>`;
  const timeline = html`<h2>${t(l, "casework.timeline")}</h2><ol class="timeline">${actions.map((a) => timelineItem(l, a, when, who, unitName))}</ol>`;
  const forms = allowed.map((a) => actionForm(req, view, a));
  return html`${header}${entryList}${timeline}
<h2>${t(l, "casework.actions")}</h2>${forms.length ? forms : html`<p>${t(l, "casework.noActions")}</p>`}
${view.panels}`;
}

function timelineItem(
  l: FastifyRequest["lang"],
  a: MatterActionRecord,
  when: (d: Date) => string,
  who: (actor: string) => string,
  unitName: (id: unknown) => string,
) {
  const p = a.payload;
  const moved = a.from !== a.to ? html` → ${t(l, `status.${a.to}` as MessageKey)}` : "";
  const detail =
    a.action === "route"
      ? html` → ${unitName(p.unitId)}`
      : a.action === "assign" && typeof p.staffId === "string"
        ? html` → ${who(`staff:${p.staffId}`)}`
        : "";
  const officersOnly = a.visibility === "officers" ? html` <em>(${t(l, "casework.officersOnly")})</em>` : "";
  return html`<li data-action="${a.action}" data-visibility="${a.visibility}">${when(a.at)} · <strong>${actionLabel(l, a.action)}</strong>${detail}${moved} · ${who(a.actor)}${officersOnly}
${typeof p.text === "string" && p.text ? html`<div class="pre">${p.text}</div>` : ""}</li>`;
}

function actionForm(req: FastifyRequest, view: MatterView, action: CaseworkAction) {
  const l = req.lang;
  const { matter } = view.read;
  const field = (() => {
    if (action === "assign")
      return html`<label for="assign-to">${t(l, "casework.assignTo")}</label><select id="assign-to" name="staffId" required>${view.assignees.map((s) => html`<option value="${s.id}">${s.name}</option>`)}</select>`;
    if (action === "route")
      return html`<label for="route-to">${t(l, "casework.routeTo")}</label><select id="route-to" name="unitId" required>${view.units
        .filter((u) => u.id !== matter.unitId)
        .map((u) => html`<option value="${u.id}">${u.name}</option>`)}</select>
<label for="route-memo">${t(l, "casework.memo")}</label><textarea id="route-memo" name="text" required maxlength="4000"></textarea>`;
    if (action === "comment" || action === "record-delay-reason")
      return html`<label for="${action}-text">${t(l, action === "comment" ? "casework.comment" : "casework.delayReason")}</label><textarea id="${action}-text" name="text" required maxlength="4000"></textarea>`;
    return "";
  })();
  if (action === "assign" && view.assignees.length === 0) return "";
  return html`<form method="post" action="${view.base}/matters/${matter.id}/actions" class="action">${csrfField(req)}
<input type="hidden" name="action" value="${action}"><input type="hidden" name="version" value="${matter.version}">
${field}<button type="submit">${actionLabel(l, action)}</button></form>`;
}
