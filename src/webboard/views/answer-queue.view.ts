import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { QueuedAnswer } from "../answers.repo.js";
import { answerStatusLabel } from "./answer-labels.js";

export interface AnswerQueueView {
  awaiting: { id: string; title: string; last_activity_at: string }[];
  queues: { key: "draft" | "submitted" | "returned" | "published"; answers: QueuedAnswer[] }[];
}

const HEADINGS: Record<AnswerQueueView["queues"][number]["key"], MessageKey> = {
  draft: "answers.queue.draft",
  submitted: "answers.queue.submitted",
  returned: "answers.queue.returned",
  published: "answers.queue.published",
};

/** #16 answers: the officer's queues — topics awaiting an answer, then their units' answers by status. */
export function answerQueueView(req: FastifyRequest, view: AnswerQueueView): Html {
  const l = req.lang;
  const tz = req.agency.timeZone;
  const base = `${req.basePath}/office/webboard`;
  const empty = html`<p>${t(l, "answers.queue.empty")}</p>`;
  const awaiting =
    view.awaiting.length === 0
      ? empty
      : html`<ul data-testid="awaiting">${view.awaiting.map(
          (topic) =>
            html`<li><a href="${base}/topics/${topic.id}/answer">${topic.title}</a> <small>${formatDateTime(l, new Date(topic.last_activity_at), tz)}</small></li>`,
        )}</ul>`;
  const table = (answers: QueuedAnswer[]) =>
    answers.length === 0
      ? empty
      : html`<div class="table-wrap" tabindex="0"><table>
<thead><tr><th scope="col">${t(l, "answers.queue.topic")}</th><th scope="col">${t(l, "answers.page.status")}</th><th scope="col">${t(l, "answers.queue.updated")}</th></tr></thead>
<tbody>${answers.map(
          (a) =>
            html`<tr><td><a href="${base}/answers/${a.id}">${a.topicTitle}</a></td><td>${answerStatusLabel(req, a.status)}</td><td>${formatDateTime(l, new Date(a.updatedAt), tz)}</td></tr>`,
        )}</tbody></table></div>`;
  return html`<h1>${t(l, "answers.queue.title")}</h1>
<p>${t(l, "answers.queue.intro")}</p>
<section aria-labelledby="q-awaiting"><h2 id="q-awaiting">${t(l, "answers.queue.awaiting")}</h2>${awaiting}</section>
${view.queues.map(
  (q) =>
    html`<section aria-labelledby="q-${q.key}" data-testid="queue-${q.key}"><h2 id="q-${q.key}">${t(l, HEADINGS[q.key])}</h2>${table(q.answers)}</section>`,
)}`;
}
