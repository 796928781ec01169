import type { MatterPanel } from "../casework/index.js";
import { html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { listMatterDeliveries } from "./deliveries.repo.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { currentLicence } from "./download-licence.js";

/** Who may send a licence again: the officers who handle the matter. */
export const DELIVERY_ROLES = ["reviewer", "supervisor", "head_of_agency", "admin"] as const;

/**
 * DL-1..4: the matter page's delivery panel: each delivery's channel, why that one, its honest state and
 * times, whether it was protected and where the password went; "send again" / "send by another channel".
 * The recipient is not shown: the channel says enough, and the address is the applicant's data.
 */
export function deliveryPanel(deps: DeliveryDeps): MatterPanel {
  return async (req, matter) => {
    const staff = req.staffSession?.staff;
    if (!staff) return undefined;
    const licence = await currentLicence(deps, matter.id);
    if (!licence) return undefined;
    const deliveries = await listMatterDeliveries(deps.handle.db, matter.id);
    const l = req.lang;
    const when = (iso: string | null) => (iso ? formatDateTime(l, new Date(iso), req.agency.timeZone) : "—");
    const may = staff.roles.some((r) => (DELIVERY_ROLES as readonly string[]).includes(r));
    const action = `${req.basePath}/office/matters/${encodeURIComponent(matter.id)}/licence-deliveries`;
    const rows = deliveries.map(
      (d) => html`<tr data-delivery="${d.id}" data-channel="${d.channel}" data-status="${d.status}">
<td>${d.attempt}</td><td>${t(l, `delivery.channel.${d.channel}`)} (${t(l, `delivery.chosenBy.${d.chosen_by}`)})</td>
<td>${d.channel === "download" && d.status === "queued" ? t(l, "delivery.status.waiting") : t(l, `delivery.status.${d.status}`)}</td>
<td>${when(d.created_at)}</td><td>${when(d.sent_at)}</td><td>${when(d.downloaded_at)}</td>
<td>${d.protected ? `${t(l, `delivery.password.${d.password_channel ?? "none"}`)}${d.password_status ? ` (${t(l, `delivery.passwordStatus.${d.password_status}`)})` : ""}` : t(l, "delivery.panel.notProtected")}${d.linked ? ` — ${t(l, "delivery.panel.linked")}` : ""}</td></tr>`,
    );
    const form =
      may && licence.status === "issued"
        ? html`<form method="post" action="${action}">${csrfField(req)}
<input type="hidden" name="licenceId" value="${licence.id}">
<label>${t(l, "delivery.panel.channel")} <select name="channel">
<option value="">${t(l, "delivery.panel.auto")}</option>${(["email", "line", "download"] as const).map((c) => html`<option value="${c}">${t(l, `delivery.channel.${c}`)}</option>`)}
</select></label>
<button type="submit">${t(l, "delivery.panel.send")}</button></form>`
        : "";
    return html`<section class="card" data-testid="licence-deliveries"><h2>${t(l, "delivery.panel.title", { number: licence.number })}</h2>
${
  rows.length
    ? html`<div class="table-wrap" tabindex="0"><table><thead><tr><th>#</th><th>${t(l, "delivery.panel.channel")}</th><th>${t(l, "delivery.panel.status")}</th><th>${t(l, "delivery.panel.created")}</th><th>${t(l, "delivery.panel.sent")}</th><th>${t(l, "delivery.panel.downloaded")}</th><th>${t(l, "delivery.panel.protection")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${t(l, "delivery.panel.none")}</p>`
}
${form}</section>`;
  };
}
