import type { Db } from "../platform/db/database.js";
import { conceptsOf, searchWordsOf } from "./assistant-words.js";
import { type GatheredSources, gatherCandidates, type ScoredSource } from "./gather-candidates.js";
import type { Intent } from "./paraphrases.js";

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

/**
 * Below this share of the question answered by the best source, the assistant says it does not know.
 * Calibrated on the tuning half of the question set in `eval/` (see docs/assistant.md), not the held-out.
 */
export const MIN_COVERAGE = 0.4;
/** Below this share of the question's subject covered by the best source, it does not know either. */
export const MIN_TOPIC = 0.4;
/** Further sources are listed when they answer nearly as much as the best. */
const SOURCE_SHARE = 0.75;
const MAX_SOURCES = 3;
/** The FAQ is written as answers; a manual extract and a webboard answer follow it on equal scores. */
const KIND_ORDER = { faq: 0, manual: 1, webboard: 2 } as const;

/**
 * IF-4: answers a citizen's question from the agency's own published material — the FAQ, the citizen
 * manuals of published services and published webboard answers — never from an outside service. The
 * question is cut into concepts (its words and the paraphrase groups it touches), candidates are read
 * through each room's word index, ranked in JS by rarity-weighted coverage, and the best answers only
 * when it covers enough of the question; otherwise "unknown", for the caller to hand over to an officer.
 */
export async function answerQuestion(db: Db, input: AssistantQuestion): Promise<AssistantAnswer> {
  const { scored, unseen } = await rankAll(db, input);
  const best = scored[0];
  // A thing the agency never wrote about vetoes the answer, however much else the question shares.
  if (!best || unseen.length > 0 || best.source.score < MIN_COVERAGE || best.topic < MIN_TOPIC)
    return { kind: "unknown", sources: [] };
  const sources = scored
    .filter((s) => s.source.score >= best.source.score * SOURCE_SHARE)
    .slice(0, MAX_SOURCES)
    .map((s) => ({ ...s.source, score: Math.round(s.source.score * 1000) / 1000 }));
  return { kind: "answer", text: best.text, sources };
}

/** Every candidate source scored against the question, best first (the threshold not yet applied). */
export async function rankSources(db: Db, input: AssistantQuestion): Promise<ScoredSource[]> {
  return (await rankAll(db, input)).scored;
}

async function rankAll(db: Db, input: AssistantQuestion): Promise<GatheredSources> {
  const concepts = conceptsOf(input.question);
  const searchWords = searchWordsOf(concepts);
  if (concepts.length === 0 || searchWords.length === 0) return { scored: [], unseen: [] };
  const intents = concepts.flatMap((c): Intent[] => (c.intent ? [c.intent] : []));
  const { scored, unseen } = await gatherCandidates(db, {
    agencyId: input.agencyId,
    lang: input.lang,
    concepts,
    searchWords,
    intents,
  });
  scored.sort(
    (a, b) =>
      b.source.score - a.source.score ||
      KIND_ORDER[a.source.kind] - KIND_ORDER[b.source.kind] ||
      a.source.id.localeCompare(b.source.id),
  );
  return { scored, unseen };
}
