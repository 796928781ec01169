import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDate, formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { Licence } from "../licence.js";
import type { LicenceEvent } from "../office-licences.repo.js";
import { actionLabel, statusLabel, validUntilText } from "./office-licences.view.js";

/** What an officer does to a licence from its page. */
export type OfficerAction = "amend" | "renew" | "suspend" | "reinstate" | "revoke";

export interface LicencePageView {
  licence: Licence;
  events: (LicenceEvent & { actorName: string })[];
  /** The actions the status table allows this officer now. */
  actions: readonly OfficerAction[];
  verifyUrl: string | null;
}

const reasonField = (req: FastifyRequest, id: string, required: boolean) =>
  html`<p><label for="${id}">${t(req.lang, required ? "licence.office.reason" : "licence.office.reasonOptional")}</label><br>
<textarea id="${id}" name="reason" rows="2" maxlength="500"${required ? html` required` : ""}></textarea></p>`;

const DO_KEYS: Record<"renew" | "suspend" | "reinstate" | "revoke", MessageKey> = {
  renew: "licence.office.do.renew",
  suspend: "licence.office.do.suspend",
  reinstate: "licence.office.do.reinstate",
  revoke: "licence.office.do.revoke",
};

function actionForm(req: FastifyRequest, licence: Licence, action: OfficerAction): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/licences/${licence.id}`;
  const head = html`${csrfField(req)}<input type="hidden" name="expectedVersion" value="${licence.version}">`;
  if (action === "amend")
    return html`<form method="post" action="${base}/amend"><fieldset><legend>${actionLabel(req, "amend")}</legend>${head}
${licence.fields.map(
  (f) =>
    html`<p><label for="amend-${f.key}">${f.label.th}</label><br><input id="amend-${f.key}" name="field.${f.key}" value="${f.value}" maxlength="500" required></p>`,
)}
<p><label for="amend-conditions">${t(l, "licence.office.conditionsEdit")}</label><br>
<textarea id="amend-conditions" name="conditions" rows="4" maxlength="5000">${licence.conditions.map((c) => c.th).join("\n")}</textarea></p>
<p><label for="amend-valid-until">${t(l, "licence.office.validUntilEdit")}</label><br>
<input id="amend-valid-until" name="validUntil" type="date" value="${licence.validUntil ?? ""}"></p>
${reasonField(req, "amend-reason", true)}
<p><button type="submit">${t(l, "licence.office.do.amend")}</button></p></fieldset></form>`;
  return html`<form method="post" action="${base}/${action}"><fieldset><legend>${actionLabel(req, action)}</legend>${head}
${reasonField(req, `${action}-reason`, action !== "renew")}
<p><button type="submit">${t(l, DO_KEYS[action])}</button></p></fieldset></form>`;
}

/** #15: one edition: everything printed, its status and why, its editions, its events, the officer's acts. */
export function licencePageView(req: FastifyRequest, view: LicencePageView): Html {
  const l = req.lang;
  const { licence } = view;
  const base = `${req.basePath}/office/licences`;
  const tz = req.agency.timeZone;
  const events = view.events.map(
    (e) => html`<tr>
<td>${formatDateTime(l, new Date(e.at), tz)}</td>
<td>${actionLabel(req, e.action)}</td>
<td>${e.fromStatus ? html`${statusLabel(req, e.fromStatus)} → ` : ""}${statusLabel(req, e.toStatus)}</td>
<td>${e.reason ?? "-"}</td>
<td>${e.actorName}</td>
</tr>`,
  );
  return html`<h1>${licence.title.th} ${licence.number}</h1>
<p><a href="${base}">${t(l, "licence.office.back")}</a></p>
<dl class="receipt" data-testid="licence-facts">
<dt>${t(l, "licence.office.number")}</dt><dd>${licence.number} (${t(l, "licence.office.edition", { edition: licence.edition })})</dd>
<dt>${t(l, "licence.office.status")}</dt><dd data-testid="licence-status">${statusLabel(req, licence.status)}${licence.statusReason ? html`: ${licence.statusReason}` : ""}</dd>
<dt>${t(l, "licence.office.holder")}</dt><dd>${licence.holderName}</dd>
${licence.fields.map((f) => html`<dt>${f.label.th}</dt><dd>${f.value}</dd>`)}
<dt>${t(l, "licence.office.validFrom")}</dt><dd>${formatDate(l, licence.validFrom)}</dd>
<dt>${t(l, "licence.office.validUntil")}</dt><dd>${validUntilText(req, licence)}</dd>
<dt>${t(l, "licence.office.signer")}</dt><dd>${licence.signer.name}, ${licence.signer.position}</dd>
<dt>${t(l, "licence.office.issuedAt")}</dt><dd>${formatDateTime(l, new Date(licence.issuedAt), tz)}</dd>
${view.verifyUrl ? html`<dt>${t(l, "licence.office.verifyUrl")}</dt><dd><a href="${view.verifyUrl}">${view.verifyUrl}</a></dd>` : ""}
</dl>
${
  licence.conditions.length > 0
    ? html`<h2>${t(l, "licence.office.conditions")}</h2><ol>${licence.conditions.map((c) => html`<li>${c.th}</li>`)}</ol>`
    : ""
}
${
  licence.previousId || licence.supersededBy
    ? html`<h2>${t(l, "licence.office.editions")}</h2><ul>
${licence.previousId ? html`<li><a href="${base}/${licence.previousId}" rel="prev">${t(l, "licence.office.previousEdition")}</a></li>` : ""}
${licence.supersededBy ? html`<li><a href="${base}/${licence.supersededBy}" rel="next">${t(l, "licence.office.nextEdition")}</a></li>` : ""}
</ul>`
    : ""
}
<h2>${t(l, "licence.office.events")}</h2>
<div class="table-wrap" tabindex="0"><table>
<thead><tr><th scope="col">${t(l, "licence.office.at")}</th><th scope="col">${t(l, "licence.office.action")}</th><th scope="col">${t(l, "licence.office.status")}</th><th scope="col">${t(l, "licence.office.reasonColumn")}</th><th scope="col">${t(l, "licence.office.officer")}</th></tr></thead>
<tbody>${events}</tbody></table></div>
<h2>${t(l, "licence.office.acts")}</h2>
${
  view.actions.length === 0
    ? html`<p>${t(l, "licence.office.noActs")}</p>`
    : html`<p>${t(l, "licence.office.stepUpNote")}</p>${view.actions.map((a) => actionForm(req, licence, a))}`
}`;
}
