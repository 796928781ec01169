import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDate, formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { Answer } from "../answer.js";
import type { AnswerAction } from "../answer-statuses.js";
import type { AnswerTopic } from "../answer-topic.repo.js";
import type { AnswerEvent } from "../answers.repo.js";
import { answerFields, type UnitChoice } from "./answer-form.view.js";
import { answerActionLabel, answerStatusLabel, noticeLabel } from "./answer-labels.js";

export interface AnswerPageView {
  answer: Answer;
  topic: AnswerTopic;
  question: string;
  unitName: string | null;
  events: (AnswerEvent & { actorName: string })[];
  /** What the status table, the officer's roles and the four eyes allow now. */
  actions: readonly AnswerAction[];
  /** The officer wrote the answer: they may not decide on it (WB-4). */
  ownAnswer: boolean;
  notice: string | null;
  units: UnitChoice[];
  allowNone: boolean;
}

const DO_KEYS: Record<Exclude<AnswerAction, "edit">, MessageKey> = {
  submit: "answers.do.submit",
  approve: "answers.do.approve",
  return: "answers.do.return",
  withdraw: "answers.do.withdraw",
  promote: "answers.do.promote",
};

function actForm(req: FastifyRequest, view: AnswerPageView, action: AnswerAction): Html {
  const l = req.lang;
  const { answer } = view;
  const head = html`${csrfField(req)}<input type="hidden" name="expectedUpdatedAt" value="${answer.updatedAt}">`;
  const action_ = `${req.basePath}/office/webboard/answers/${answer.id}/${action}`;
  if (action === "edit")
    return html`<form method="post" action="${action_}"><fieldset><legend>${answerActionLabel(req, "edit")}</legend>${head}
${answerFields(req, view.units, answer, view.allowNone)}
<p><button type="submit" name="submit" value="0">${t(l, "answers.form.save")}</button>
<button type="submit" name="submit" value="1">${t(l, "answers.form.saveSubmit")}</button></p></fieldset></form>`;
  const reason =
    action === "return" || action === "withdraw"
      ? html`<p><label for="${action}-reason">${t(l, "answers.page.reasonLabel")}</label><br>
<textarea id="${action}-reason" name="reason" rows="2" maxlength="1000" required></textarea></p>`
      : "";
  const question =
    action === "promote"
      ? html`<p><label for="promote-question">${t(l, "answers.page.question")}</label><br>
<textarea id="promote-question" name="question" rows="3" maxlength="500" required>${view.question}</textarea></p>`
      : "";
  return html`<form method="post" action="${action_}"><fieldset><legend>${answerActionLabel(req, action)}</legend>${head}
${question}${reason}<p><button type="submit">${t(l, DO_KEYS[action])}</button></p></fieldset></form>`;
}

/** #16 answers: one answer — its text and citation, status, notice, FAQ link, acts and history. */
export function answerPageView(req: FastifyRequest, view: AnswerPageView): Html {
  const l = req.lang;
  const tz = req.agency.timeZone;
  const { answer } = view;
  const events = view.events.map(
    (
      e,
    ) => html`<tr><td>${formatDateTime(l, new Date(e.at), tz)}</td><td>${answerActionLabel(req, e.action)}</td>
<td>${e.fromStatus ? html`${answerStatusLabel(req, e.fromStatus)} → ` : ""}${answerStatusLabel(req, e.toStatus)}</td><td>${e.reason ?? "-"}</td><td>${e.actorName}</td></tr>`,
  );
  return html`<h1>${t(l, "answers.page.title", { title: view.topic.title })}</h1>
<p><a href="${req.basePath}/office/webboard/answers">${t(l, "answers.page.back")}</a></p>
<dl class="receipt" data-testid="answer-facts">
<dt>${t(l, "answers.page.status")}</dt><dd data-testid="answer-status">${answerStatusLabel(req, answer.status)}</dd>
${answer.returnReason && answer.status === "returned" ? html`<dt>${t(l, "answers.page.returnReason")}</dt><dd>${answer.returnReason}</dd>` : ""}
<dt>${t(l, "answers.form.body")}</dt><dd class="post-body">${answer.body}</dd>
<dt>${t(l, "answers.form.regulation")}</dt><dd>${answer.regulation}</dd>
<dt>${t(l, "answers.page.effectiveOn")}</dt><dd>${formatDate(l, answer.regulationEffectiveOn)}</dd>
<dt>${t(l, "answers.page.holdsAsOf")}</dt><dd>${formatDate(l, answer.holdsAsOf)}</dd>
<dt>${t(l, "answers.form.unit")}</dt><dd>${view.unitName ?? t(l, "answers.form.noUnit")}</dd>
${answer.publishedAt ? html`<dt>${t(l, "answers.page.publishedAt")}</dt><dd>${formatDateTime(l, new Date(answer.publishedAt), tz)}</dd>` : ""}
${view.notice ? html`<dt>${t(l, "answers.notice.label")}</dt><dd data-testid="answer-notice">${noticeLabel(req, view.notice)}</dd>` : ""}
${answer.faqEntryId ? html`<dt>${t(l, "answers.page.faq")}</dt><dd data-testid="answer-faq">${t(l, "answers.page.faqLinked")}</dd>` : ""}
</dl>
${answer.faqEntryId ? html`<p data-testid="faq-stays">${t(l, "answers.page.faqStays")}</p>` : ""}
<h2>${t(l, "answers.page.acts")}</h2>
${view.ownAnswer ? html`<p>${t(l, "answers.page.ownNote")}</p>` : ""}
${
  view.actions.length === 0
    ? html`<p>${t(l, "answers.page.noActs")}</p>`
    : html`<p>${t(l, "answers.page.stepUpNote")}</p>${view.actions.map((a) => actForm(req, view, a))}`
}
<h2>${t(l, "answers.page.history")}</h2>
<div class="table-wrap" tabindex="0"><table>
<thead><tr><th scope="col">${t(l, "answers.page.at")}</th><th scope="col">${t(l, "answers.page.action")}</th><th scope="col">${t(l, "answers.page.status")}</th><th scope="col">${t(l, "answers.page.reason")}</th><th scope="col">${t(l, "answers.page.officer")}</th></tr></thead>
<tbody>${events}</tbody></table></div>`;
}
