import { type Html, html } from "../../platform/html.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { AssistantAnswer } from "../answer-question.js";
import { handOverHref, MAX_QUESTION } from "../hand-over.js";

export interface AssistantView {
  lang: Lang;
  base: string;
  question: string;
  answer?: AssistantAnswer;
}

const KIND_KEY = {
  faq: "assistant.kind.faq",
  manual: "assistant.kind.manual",
  webboard: "assistant.kind.webboard",
} as const;

/** IF-4: the question box, the answer with its sources, or "I don't know" and the hand-over. */
export function assistantView(view: AssistantView): Html {
  const { lang, base, question, answer } = view;
  const form = html`<form method="get" action="${base}/assistant" role="search">
<label for="q">${t(lang, "assistant.ask")}</label>
<textarea id="q" name="q" maxlength="${String(MAX_QUESTION)}" rows="3" aria-describedby="q-hint">${question}</textarea>
<p id="q-hint" class="hint">${t(lang, "assistant.hint", { max: MAX_QUESTION })}</p>
<button type="submit">${t(lang, "assistant.submit")}</button></form>`;
  let result: Html | string = "";
  if (answer?.kind === "answer")
    result = html`<section aria-labelledby="answer-h" data-answer><h2 id="answer-h">${t(lang, "assistant.answer")}</h2>
${answer.text.split("\n").map((line) => html`<p>${line}</p>`)}
<h3>${t(lang, "assistant.sources")}</h3><ul class="sources">${answer.sources.map(
      (s) =>
        html`<li data-source="${s.kind}"><a href="${base}${s.url}">${s.title}</a> (${t(lang, KIND_KEY[s.kind])})</li>`,
    )}</ul>
<p>${t(lang, "assistant.notSure")} <a href="${handOverHref(base, question)}">${t(lang, "assistant.handOver")}</a></p></section>`;
  else if (answer?.kind === "unknown")
    result = html`<section aria-labelledby="unknown-h" data-unknown><h2 id="unknown-h">${t(lang, "assistant.unknown")}</h2>
<p>${t(lang, "assistant.unknownText")}</p>
<p><a class="button" href="${handOverHref(base, question)}" data-hand-over>${t(lang, "assistant.handOver")}</a></p></section>`;
  return html`<h1>${t(lang, "assistant.title")}</h1>
<p>${t(lang, "assistant.intro")}</p>
${form}
${result}`;
}
