import type { FastifyRequest } from "fastify";
import type { Text } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import type { FaqEntry } from "../faq-entry.js";
import { faqHref } from "../faq-query.js";
import { encodeCursor, type KeysetCursor } from "../keyset-cursor.js";
import { pick } from "./faq-public.view.js";
import { citationFields } from "./request-log.view.js";

/** IF-4: the published entries, each with its withdraw form, and the form to write one directly. */
export function officeFaqView(
  req: FastifyRequest,
  view: { entries: FaqEntry[]; next?: KeysetCursor; services: { id: string; name: Text }[] },
): Html {
  const l = req.lang;
  const path = `${req.basePath}/office/faq`;
  const items = view.entries.map(
    (e) => html`<li data-faq="${e.id}"><a href="${req.basePath}/faq/${e.id}">${e.question}</a>
<form method="post" action="${path}/${e.id}/withdraw">${csrfField(req)}
<label for="reason-${e.id}">${t(l, "faq.office.reason")}</label> <input id="reason-${e.id}" name="reason" maxlength="2000" required>
<button type="submit">${t(l, "faq.office.withdraw")}</button></form></li>`,
  );
  return html`<h1>${t(l, "faq.office.title")}</h1>
<p><a href="${req.basePath}/office/request-log">${t(l, "faq.log.title")}</a></p>
${items.length ? html`<ul class="faq-list">${items}</ul>` : html`<p>${t(l, "faq.none")}</p>`}
${view.next ? html`<p><a href="${faqHref(path, { after: encodeCursor(view.next) })}">${t(l, "faq.next")}</a></p>` : ""}
<form method="post" action="${path}" class="card">${csrfField(req)}<h2>${t(l, "faq.office.write")}</h2>
<div><label for="serviceId">${t(l, "faq.service")}</label><select id="serviceId" name="serviceId"><option value="">—</option>${view.services.map((s) => html`<option value="${s.id}">${pick(l, s.name)}</option>`)}</select></div>
<div><label for="question">${t(l, "faq.log.question")}</label><textarea id="question" name="question" rows="2" maxlength="500" required></textarea></div>
<div><label for="answer">${t(l, "faq.log.answer")}</label><textarea id="answer" name="answer" rows="5" maxlength="10000" required></textarea></div>
${citationFields(req)}
<button type="submit">${t(l, "faq.office.publish")}</button></form>`;
}
