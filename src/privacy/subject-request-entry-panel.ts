import type { FastifyRequest } from "fastify";
import type { DatabaseHandle } from "../platform/db/database.js";
import { type Html, html } from "../platform/html.js";
import { t } from "../platform/i18n/index.js";
import { findMatter } from "../register/index.js";
import { SUBJECT_REQUEST_OFFICERS } from "./subject-request-statuses.js";

/**
 * #17 (PD-3): on a general entry's office page, the way to turn it into a data-subject request — a
 * request that came by mail, LINE or paper is one as much as a web form is. Nothing for an application,
 * for an entry already turned, or for an officer who may not turn it.
 */
export function subjectRequestEntryPanel(deps: { handle: DatabaseHandle }) {
  return async (req: FastifyRequest, entry: { id: string; matterId: string }): Promise<Html> => {
    const roles = req.staffSession?.staff.roles ?? [];
    if (!roles.some((role) => SUBJECT_REQUEST_OFFICERS.includes(role))) return html``;
    const db = deps.handle.db;
    const matter = await findMatter(db, req.agency.id, entry.matterId);
    if (matter?.kind !== "general") return html``;
    const turned = await db
      .selectFrom("data_subject_requests")
      .select("id")
      .where("agency_id", "=", req.agency.id)
      .where("matter_id", "=", matter.id)
      .executeTakeFirst();
    const l = req.lang;
    return html`<section aria-labelledby="subject-request-title">
<h2 id="subject-request-title">${t(l, "subjects.office.title")}</h2>
${
  turned
    ? html`<p><a href="${req.basePath}/office/privacy/requests">${t(l, "subjects.panel.turned")}</a></p>`
    : html`<p><a href="${req.basePath}/office/privacy/requests?entry=${entry.id}#turn">${t(l, "subjects.panel.turn")}</a></p>`
}
</section>`;
  };
}
