import type { Concept } from "./assistant-words.js";

/** How common each asked word is in one room's material: documents holding it, out of `total`. */
export interface Rarity {
  total: number;
  counts: Map<string, number>;
}

/** A candidate's words: the fields a question is usually phrased like (title, question) and the rest. */
export interface CandidateWords {
  primary: Set<string>;
  secondary: Set<string>;
  /** A citizen manual answers every section question (documents, fee, time, where, who) by its form. */
  answersIntents: boolean;
}

/** A word found only in the body counts this much of a word found in the title or question. */
const SECONDARY = 0.7;
const INTENT_BY_FORM = 0.9;

/** BM25's word weight: a word found in few documents tells more than one found in most. */
function idf(rarity: Rarity, df: number): number {
  return Math.log(1 + (rarity.total + 1) / (df + 0.5));
}

function conceptWeight(concept: Concept, rarity: Rarity): number {
  // An alternative is as common as its rarest word; the concept as its most common wording.
  const df = Math.max(
    ...concept.alternatives.map((alt) => Math.min(...alt.map((w) => rarity.counts.get(w) ?? 0))),
  );
  return idf(rarity, Math.min(df, rarity.total));
}

const holds = (concept: Concept, words: Set<string>) =>
  concept.alternatives.some((alt) => alt.every((w) => words.has(w)));

/**
 * IF-4: the share of the question a candidate answers, 0..1 — each concept weighed by its rarity in
 * the room's material, counted in full when found in the primary field, less in the body. A concept
 * found nowhere in the material weighs most, so a question about something the agency never wrote
 * about ("ใบขับขี่") scores low even when it shares the common words ("ต่ออายุ", "ใบอนุญาต").
 */
export function coverageOf(
  concepts: readonly Concept[],
  rarity: Rarity,
  words: CandidateWords,
): { score: number; topic: number } {
  let [total, found, topicTotal, topicFound] = [0, 0, 0, 0];
  for (const concept of concepts) {
    const weight = conceptWeight(concept, rarity);
    let share = 0;
    if (holds(concept, words.primary)) share = 1;
    else if (holds(concept, words.secondary)) share = SECONDARY;
    else if (concept.intent && words.answersIntents) share = INTENT_BY_FORM;
    total += weight;
    found += weight * share;
    // What the question is about, without what it asks of it (documents, fee…): the decision's measure,
    // so a manual's sections alone never make an answer about another subject.
    if (!concept.intent) {
      topicTotal += weight;
      topicFound += weight * share;
    }
  }
  const score = total === 0 ? 0 : found / total;
  return { score, topic: topicTotal === 0 ? score : topicFound / topicTotal };
}
