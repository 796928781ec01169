import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import type { Answer } from "../answer.js";
import { MAX_ANSWER_BODY, MAX_REGULATION } from "../answer-citation.js";
import type { AnswerTopic } from "../answer-topic.repo.js";

export interface UnitChoice {
  id: string;
  name: string;
}

/** A stored date (YYYY-MM-DD) as an officer types it: day/month/year of the Buddhist era. */
export const thaiDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d}/${m}/${(y ?? 0) + 543}`;
};

/** The fields of an answer and its citation (WB-3), empty or as the answer stands. */
export function answerFields(
  req: FastifyRequest,
  units: UnitChoice[],
  answer?: Answer,
  allowNone = false,
): Html {
  const l = req.lang;
  const unitSelect =
    units.length === 0
      ? ""
      : html`<p><label for="answer-unit">${t(l, "answers.form.unit")}</label><br>
<select id="answer-unit" name="unitId">${allowNone ? html`<option value="">${t(l, "answers.form.noUnit")}</option>` : ""}${units.map(
          (u) =>
            html`<option value="${u.id}"${answer?.unitId === u.id ? html` selected` : ""}>${u.name}</option>`,
        )}</select></p>`;
  return html`<p><label for="answer-body">${t(l, "answers.form.body")}</label><br>
<textarea id="answer-body" name="body" rows="8" maxlength="${MAX_ANSWER_BODY}" required>${answer?.body ?? ""}</textarea></p>
<p><label for="answer-regulation">${t(l, "answers.form.regulation")}</label><br>
<input id="answer-regulation" name="regulation" maxlength="${MAX_REGULATION}" required value="${answer?.regulation ?? ""}"></p>
<p><label for="answer-effective">${t(l, "answers.form.effectiveOn")}</label><br>
<input id="answer-effective" name="effectiveOn" maxlength="20" required inputmode="numeric" aria-describedby="answer-date-hint" value="${answer ? thaiDate(answer.regulationEffectiveOn) : ""}"></p>
<p><label for="answer-as-of">${t(l, "answers.form.holdsAsOf")}</label><br>
<input id="answer-as-of" name="holdsAsOf" maxlength="20" required inputmode="numeric" aria-describedby="answer-date-hint" value="${answer ? thaiDate(answer.holdsAsOf) : ""}"></p>
<p id="answer-date-hint"><small>${t(l, "answers.form.dateHint")}</small></p>
${unitSelect}`;
}

/** #16 answers: the drafting page — the topic and its visible posts, then the answer's form (WB-3). */
export function answerFormView(
  req: FastifyRequest,
  view: {
    topic: AnswerTopic;
    posts: { id: string; body: string; createdAt: string }[];
    units: UnitChoice[];
    allowNone: boolean;
  },
): Html {
  const l = req.lang;
  const tz = req.agency.timeZone;
  const base = `${req.basePath}/office/webboard`;
  const posts =
    view.posts.length === 0
      ? html`<p>${t(l, "answers.form.noPosts")}</p>`
      : html`<ol class="posts" data-testid="topic-posts">${view.posts.map(
          (p) =>
            html`<li><p><small>${formatDateTime(l, new Date(p.createdAt), tz)}</small></p><p class="post-body">${p.body}</p></li>`,
        )}</ol>`;
  return html`<h1>${t(l, "answers.form.title", { title: view.topic.title })}</h1>
<p><a href="${base}/answers">${t(l, "answers.page.back")}</a></p>
<section aria-labelledby="posts-h"><h2 id="posts-h">${t(l, "answers.form.posts")}</h2>${posts}</section>
<form method="post" action="${base}/topics/${view.topic.id}/answer"><fieldset><legend>${t(l, "answers.form.legend")}</legend>
${csrfField(req)}
<p>${t(l, "answers.form.notPublic")}</p>
${answerFields(req, view.units, undefined, view.allowNone)}
<p><button type="submit" name="submit" value="0">${t(l, "answers.form.save")}</button>
<button type="submit" name="submit" value="1">${t(l, "answers.form.saveSubmit")}</button></p>
</fieldset></form>`;
}
