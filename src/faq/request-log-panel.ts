import type { MatterPanel } from "../casework/index.js";
import type { Db } from "../platform/db/database.js";
import { html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { listMatterEntries } from "../register/index.js";
import { REQUEST_LOG_ROLES } from "./faq-roles.js";
import { findLogOfEntries } from "./request-log.repo.js";

/**
 * RG-2: the matter page's request-log panel: each entry of the matter either links to its log row or
 * offers "log as a question" (its date, requester, subject and channel are read from the entry).
 */
export function requestLogPanel(deps: { db: Db }): MatterPanel {
  return async (req, matter) => {
    const staff = req.staffSession?.staff;
    if (!staff?.roles.some((r) => REQUEST_LOG_ROLES.includes(r))) return undefined;
    const entries = await listMatterEntries(deps.db, matter.id);
    if (entries.length === 0) return undefined;
    const logged = new Map(
      (
        await findLogOfEntries(
          deps.db,
          req.agency.id,
          entries.map((e) => e.id),
        )
      ).map((r) => [r.entry_id, r.id]),
    );
    const l = req.lang;
    const base = `${req.basePath}/office/request-log`;
    const items = entries.map((entry) => {
      const logId = logged.get(entry.id);
      return html`<li data-entry="${entry.id}">${entry.receiptNumber} — ${
        logId
          ? html`${t(l, "faq.log.logged")} <a href="${base}/${logId}">${t(l, "faq.log.open")}</a>`
          : html`<form method="post" action="${base}">${csrfField(req)}<input type="hidden" name="entryId" value="${entry.id}"><button type="submit">${t(l, "faq.log.logAs")}</button></form>`
      }</li>`;
    });
    return html`<section class="card" data-testid="request-log-panel"><h2>${t(l, "faq.log.panel")}</h2><ul>${items}</ul></section>`;
  };
}
