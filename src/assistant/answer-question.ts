import { queryTermsOf } from "../catalog/index.js";
import { findFaqCandidates } from "../faq/index.js";
import type { Db } from "../platform/db/database.js";

/** Where an answer came from; every answer names at least one (IF-4). */
export interface AssistantSource {
  kind: "faq" | "manual" | "webboard";
  id: string;
  /** The source's own title (the FAQ question, the service's name, the topic's title). */
  title: string;
  /** A public path on the agency's site, e.g. `/faq/<id>`. */
  url: string;
  score: number;
}

export type AssistantAnswer =
  | { kind: "answer"; text: string; sources: AssistantSource[] }
  /** The material does not answer it: say so and hand over to an officer. */
  | { kind: "unknown"; sources: [] };

export interface AssistantQuestion {
  agencyId: string;
  question: string;
  lang: "th" | "en";
}

/** Below this share of the asked words found in the best source, the assistant says it does not know. */
const MIN_SHARE = 0.5;

/**
 * IF-4: answers a citizen's question from the agency's own material, never from an outside service.
 * Groundwork: the FAQ only, ranked by shared words; the assistant part widens it to manuals and
 * published webboard answers and ranks them properly, keeping this signature.
 */
export async function answerQuestion(db: Db, input: AssistantQuestion): Promise<AssistantAnswer> {
  const terms = queryTermsOf(input.question);
  if (terms.length === 0) return { kind: "unknown", sources: [] };
  const candidates = await findFaqCandidates(db, input.agencyId, terms, 3);
  const best = candidates[0];
  if (!best || best.hits / terms.length < MIN_SHARE) return { kind: "unknown", sources: [] };
  return {
    kind: "answer",
    text: best.answer,
    sources: candidates.map((c) => ({
      kind: "faq",
      id: c.id,
      title: c.question,
      url: `/faq/${c.id}`,
      score: c.hits / terms.length,
    })),
  };
}
