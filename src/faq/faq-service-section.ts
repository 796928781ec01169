import type { ServicePageSection } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { html } from "../platform/html.js";
import { t } from "../platform/i18n/index.js";
import { listPublishedFaq } from "./faq.repo.js";
import { faqHref } from "./faq-query.js";

const SHOWN = 10;

/** IF-4: the service page's FAQ: its newest published questions, and a link to all of them. */
export function faqServiceSection(deps: { db: Db }): ServicePageSection {
  return async (req, service) => {
    const { entries, next } = await listPublishedFaq(deps.db, req.agency.id, {
      terms: [],
      serviceId: service.id,
      limit: SHOWN,
    });
    if (entries.length === 0) return undefined;
    const base = req.basePath;
    return html`<section class="faq" data-testid="service-faq"><h2>${t(req.lang, "faq.servicePage")}</h2>
<ul>${entries.map((e) => html`<li data-faq="${e.id}"><a href="${base}/faq/${e.id}">${e.question}</a></li>`)}</ul>
${next ? html`<p><a href="${faqHref(`${base}/faq`, { service: service.code })}">${t(req.lang, "faq.servicePageAll")}</a></p>` : ""}</section>`;
  };
}
