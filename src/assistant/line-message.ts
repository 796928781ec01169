import { bilingual } from "../platform/i18n/index.js";
import type { AssistantAnswer, AssistantSource } from "./answer-question.js";

const ANSWER_MAX = 2000;
const TITLE_MAX = 120;

const cut = (text: string, max: number) => {
  const chars = Array.from(text.trim());
  return chars.length <= max
    ? chars.join("")
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
};

/**
 * IF-4: the assistant's LINE message. An answer: the text, every source linked, and that the message
 * stays in the request an officer will see (RG-1). Unknown: it says so; an officer answers (the
 * hand-over is the registration that happens anyway).
 */
export function assistantLineText(answer: AssistantAnswer, sources: AssistantSource[]): string {
  if (answer.kind === "unknown") return bilingual("assistline.unknown");
  const links = sources.map((s, i) => `${i + 1}. ${cut(s.title, TITLE_MAX)}\n${s.url}`).join("\n");
  return [
    bilingual("assistline.intro"),
    cut(answer.text, ANSWER_MAX),
    `${bilingual("assistline.sources")}\n${links}`,
    bilingual("assistline.stillRegistered"),
  ].join("\n\n");
}
