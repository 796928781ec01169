import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import { type ModerationAction, moderationActionsFor } from "../moderate-webboard.js";
import type { ReportRow } from "../webboard-reports.js";
import { when } from "./webboard.view.js";

/** One reported item as the moderator sees it: its text even when hidden, its status, the actions allowed. */
export interface ReportedItem {
  report: ReportRow;
  item: "topic" | "post";
  itemId: string;
  status: string;
  text: string;
}

const actionForm = (req: FastifyRequest, action: ModerationAction, id: string) => {
  const base = `${req.basePath}/office/webboard/moderation`;
  const needsReason = action.endsWith(".hide");
  return html`<form method="post" action="${base}/${action}/${id}">${csrfField(req)}
${needsReason ? html`<label for="r-${action}-${id}">${t(req.lang, "webboard.mod.reason")}</label><input type="text" id="r-${action}-${id}" name="reason" maxlength="500" required>` : ""}
<button type="submit">${t(req.lang, `webboard.mod.${action}`)}</button></form>`;
};

/** The moderation page: open reports, oldest first, each with its item and what may be done to it. */
export function moderationView(req: FastifyRequest, items: ReportedItem[], notice?: string): Html {
  const lang = req.lang;
  const rows = items.map(
    ({ report, item, itemId, status, text }) => html`<li>
<p><strong>${t(lang, item === "topic" ? "webboard.mod.topic" : "webboard.mod.post")}</strong> · ${t(lang, `webboard.mod.status.${status}` as "webboard.mod.status.open")} · ${when(lang, report.created_at)}</p>
<p>${t(lang, "webboard.mod.reportReason")}: ${report.reason}</p>
<blockquote class="pre">${text}</blockquote>
<p><a href="${req.basePath}/office/webboard/moderation/topics/${report.topic_id}">${t(lang, "webboard.mod.view")}</a></p>
${moderationActionsFor(item, status).map((action) => actionForm(req, action, itemId))}
<form method="post" action="${req.basePath}/office/webboard/moderation/resolve/${report.id}">${csrfField(req)}
<label for="o-${report.id}">${t(lang, "webboard.mod.outcome")}</label><input type="text" id="o-${report.id}" name="outcome" maxlength="500">
<button type="submit">${t(lang, "webboard.mod.resolve")}</button></form></li>`,
  );
  return html`<h1>${t(lang, "webboard.mod.title")}</h1>
${notice ? html`<p class="notice ok" role="status">${notice}</p>` : ""}
<h2>${t(lang, "webboard.mod.reports")}</h2>
${rows.length === 0 ? html`<p>${t(lang, "webboard.mod.none")}</p>` : html`<ol>${rows}</ol>`}`;
}

/** One topic for a moderator, reported or not: the topic's and each post's status and allowed actions. */
export function topicModerationView(
  req: FastifyRequest,
  topic: { id: string; title: string; status: string },
  posts: { id: string; body: string; status: string; created_at: string }[],
): Html {
  const lang = req.lang;
  const status = (s: string) => t(lang, `webboard.mod.status.${s}` as "webboard.mod.status.open");
  return html`<h1>${topic.title}</h1>
<p>${t(lang, "webboard.mod.topic")} · ${status(topic.status)}</p>
${moderationActionsFor("topic", topic.status).map((action) => actionForm(req, action, topic.id))}
<ol>${posts.map(
    (
      post,
    ) => html`<li><p>${status(post.status)} · ${when(lang, post.created_at)}</p><blockquote class="pre">${post.body}</blockquote>
${moderationActionsFor("post", post.status).map((action) => actionForm(req, action, post.id))}</li>`,
  )}</ol>`;
}
