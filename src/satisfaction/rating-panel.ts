import { type MatterPanel, matterScope } from "../casework/index.js";
import type { Db } from "../platform/db/database.js";
import { html } from "../platform/html.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { CASEWORK_ROLES } from "../staff/index.js";
import { findRatingOfMatter } from "./ratings.repo.js";
import { RATED_STATUSES } from "./record-rating.js";

/**
 * TR-3: the matter page's satisfaction panel: the rating, its channel and time for any officer who may
 * see the matter; the applicant's comment only for casework roles (it may say more than a number).
 */
export function satisfactionPanel(deps: { db: Db }): MatterPanel {
  return async (req, matter) => {
    const staff = req.staffSession?.staff;
    if (!staff || !matterScope(staff, matter)) return undefined;
    const l = req.lang;
    const rating = await findRatingOfMatter(deps.db, matter.agencyId, matter.id);
    const casework = staff.roles.some((r) => (CASEWORK_ROLES as readonly string[]).includes(r));
    const body = rating
      ? html`<p data-rating="${String(rating.rating)}"><strong>${t(l, "satisfaction.panel.rating", { rating: rating.rating })}</strong>
${t(l, "satisfaction.panel.via", {
  channel: t(l, `satisfaction.channel.${rating.channel}`),
  at: formatDateTime(l, new Date(rating.created_at), req.agency.timeZone),
})}</p>${
          casework && rating.comment
            ? html`<h3>${t(l, "satisfaction.panel.comment")}</h3><p class="pre" data-rating-comment>${rating.comment}</p>`
            : ""
        }`
      : html`<p class="hint" data-rating="none">${t(l, RATED_STATUSES.includes(matter.status) ? "satisfaction.panel.none" : "satisfaction.panel.notClosed")}</p>`;
    return html`<section class="card" aria-labelledby="satisfaction-title" data-section="satisfaction"><h2 id="satisfaction-title">${t(l, "satisfaction.panel.title")}</h2>
${body}</section>`;
  };
}
