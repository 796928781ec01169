import type { FastifyRequest } from "fastify";
import { findLineDraftOfEntry } from "../intake/line/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { type Html, html } from "../platform/html.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import type { AssistantSource } from "./answer-question.js";
import { listAssistantReplies } from "./line-replies.repo.js";

/**
 * #17 assistline (IF-4, RG-1): on a LINE entry's office page, what the assistant told the citizen while
 * the request was a draft: when, whether LINE took it, the text and its sources. The page has checked
 * the officer's role and unit before any panel is drawn; an entry without replies shows nothing.
 */
export function assistantLinePanel(deps: { handle: DatabaseHandle }) {
  return async (req: FastifyRequest, entry: { id: string }): Promise<Html> => {
    const db = deps.handle.db;
    const draftId = await findLineDraftOfEntry(db, req.agency.id, entry.id);
    if (!draftId) return html``;
    const replies = await listAssistantReplies(db, draftId);
    if (replies.length === 0) return html``;
    const l = req.lang;
    const when = (at: string) => formatDateTime(l, new Date(at), req.agency.timeZone);
    return html`<section class="assistant-replies" aria-labelledby="assistline-title">
<h2 id="assistline-title">${t(l, "assistline.panel.title")}</h2>
<p>${t(l, "assistline.panel.intro")}</p>
<ol>${replies.map((r) => {
      const sources = JSON.parse(r.sources) as Pick<AssistantSource, "kind" | "id" | "title" | "url">[];
      const delivery = r.sent_at
        ? t(l, r.via === "line-push" ? "assistline.panel.pushed" : "assistline.panel.replied", {
            at: when(r.sent_at),
          })
        : r.last_error
          ? t(l, "assistline.panel.notSent", { error: r.last_error })
          : t(l, "assistline.panel.pending");
      return html`<li data-assistant-reply="${r.id}" data-kind="${r.kind}">
<p>${when(r.created_at)} · ${t(l, r.kind === "answer" ? "assistline.panel.answer" : "assistline.panel.unknown")} · <span data-delivery="${r.sent_at ? "sent" : "not-sent"}">${delivery}</span></p>
<pre class="said">${r.said}</pre>
${sources.length > 0 ? html`<ul>${sources.map((s) => html`<li><a href="${s.url}">${s.title}</a> (${s.kind})</li>`)}</ul>` : ""}
</li>`;
    })}</ol></section>`;
  };
}
