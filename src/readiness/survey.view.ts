import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { type Lang, type MessageKey, t } from "../platform/i18n/index.js";
import type { Answers, LiveState } from "./assess-levels.js";
import { capabilityText } from "./levels.view.js";
import { MAX_NOTE_CHARS } from "./save-assessment.js";
import { ITEM_CAPABILITIES, SURVEY_ITEMS } from "./survey.js";
import { ANSWER_VALUES, type Bilingual, type SurveyItem } from "./survey-types.js";

const guidance = (lang: Lang, title: string, texts: Bilingual[]) =>
  html`<h3>${t(lang, title as MessageKey)}</h3><ol>${texts.map((one) => html`<li lang="${lang}">${one[lang]}</li>`)}</ol>`;

function itemFieldset(
  lang: Lang,
  item: SurveyItem,
  answers: Answers | undefined,
  live: LiveState,
  editable: boolean,
) {
  const answer = answers?.[item.id];
  const caps = ITEM_CAPABILITIES[item.id] ?? [];
  const choices = editable
    ? html`${ANSWER_VALUES.map(
        (v) =>
          html`<label><input type="radio" name="answer.${item.id}" value="${v}" required${answer?.value === v ? html` checked` : ""}> ${t(lang, `readiness.answer.${v}` as MessageKey)}</label> `,
      )}
<label for="note-${item.id}">${t(lang, "readiness.note")}</label>
<textarea id="note-${item.id}" name="note.${item.id}" maxlength="${MAX_NOTE_CHARS}" rows="2">${answer?.note ?? ""}</textarea>`
    : html`<p class="answer">${answer ? t(lang, `readiness.answer.${answer.value}` as MessageKey) : "–"}${answer?.note ? html` — ${answer.note}` : ""}</p>`;
  return html`<fieldset id="item-${item.id}">
<legend>${item.title[lang]}</legend>
${choices}
<p class="live">${t(lang, "readiness.liveHere")}: ${caps.map((c) => html`<span class="${live[c] ? "tick" : "no-tick"}">${live[c] ? "✓" : "✗"} ${capabilityText(lang, c)}</span> `)}</p>
<details><summary>${t(lang, "readiness.preparation")} · ${t(lang, "readiness.legalBasis")} · ${t(lang, "readiness.cautions")}</summary>
${guidance(lang, "readiness.preparation", item.preparation)}
${guidance(lang, "readiness.legalBasis", item.legalBasis)}
${guidance(lang, "readiness.cautions", item.cautions)}
</details>
</fieldset>`;
}

/** RD-1: the survey, as a form (the current assessment) or read-only (a past one). */
export function surveyView(
  req: FastifyRequest,
  opts: { answers?: Answers; live: LiveState; action?: string },
): Html {
  const lang = req.lang;
  const items = SURVEY_ITEMS.map((item) =>
    itemFieldset(lang, item, opts.answers, opts.live, opts.action !== undefined),
  );
  if (!opts.action) return html`<h2>${t(lang, "readiness.survey")}</h2>${items}`;
  return html`<h2>${t(lang, "readiness.survey")}</h2>
<form method="post" action="${opts.action}">${csrfField(req)}
${items}
<button type="submit">${t(lang, "readiness.save")}</button>
</form>`;
}
