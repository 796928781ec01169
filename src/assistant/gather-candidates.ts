import { findServiceCandidates, termsOf } from "../catalog/index.js";
import { countFaqTerms, findFaqCandidates } from "../faq/index.js";
import type { Db } from "../platform/db/database.js";
import type { Lang } from "../platform/i18n/index.js";
import { findAnsweredTopicCandidates, listPublishedAnswers } from "../webboard/index.js";
import type { AssistantSource } from "./answer-question.js";
import type { Concept } from "./assistant-words.js";
import { manualExtract, manualWords } from "./manual-extract.js";
import type { Intent } from "./paraphrases.js";
import { coverageOf } from "./rank-sources.js";

/** A source scored against the question, with the text the assistant would answer from it. */
export interface ScoredSource {
  source: AssistantSource;
  text: string;
  /** The share of the question's subject (its words besides documents, fee, time…) the source covers. */
  topic: number;
}

/** What the rooms hold of the question: its sources scored, and its subject's concepts found nowhere. */
export interface GatheredSources {
  scored: ScoredSource[];
  /**
   * The question's subject concepts (not documents/fee/time…) no room's word index holds in any wording,
   * named by a long word: the agency never wrote about that thing, so no source can answer about it.
   */
  unseen: Concept[];
}

/**
 * A word long enough to name a thing (five letters or more, Thai marks not counted): colloquial
 * particles and verbs a citizen adds ("ไหร่", "เยอะ", "ลูก") are short; "โรงงาน", "หนังสือเดินทาง",
 * "driving" are not.
 */
const NAME_LETTERS = 5;
const names = (word: string) => (word.match(/\p{L}/gu) ?? []).length >= NAME_LETTERS;

/**
 * The most entries a word may be in and still pick the FAQ's candidates: a word in thousands of entries
 * tells none apart, and grouping all its entries is what costs (50,000 entries: `npm run bench -- assistant`).
 */
const MAX_POSTINGS = 2_000;

/** The asked words the FAQ holds, rarest first, without the common ones (the rarest is kept whatever). */
function rarestWords(counts: ReadonlyMap<string, number>): string[] {
  const held = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1]);
  const rare = held.filter(([, n]) => n <= MAX_POSTINGS);
  return (rare.length > 0 ? rare : held.slice(0, 1)).map(([word]) => word);
}

/** Candidates read per room: the ranking is done in JS over these few, never over the room. */
const PER_ROOM = 20;
const words = (...texts: string[]) => new Set(termsOf(texts.join(" ")));

/**
 * IF-4: reads the candidates of the three rooms (published FAQ entries, published services' manuals,
 * topics with a published answer) through their word indexes, and scores each by `coverageOf` with the
 * words' rarity in its own room. Only the agency's own material; nothing is written.
 */
export async function gatherCandidates(
  db: Db,
  input: { agencyId: string; lang: Lang; concepts: Concept[]; searchWords: string[]; intents: Intent[] },
): Promise<GatheredSources> {
  const { agencyId, concepts, searchWords, lang } = input;
  const faqRarity = await countFaqTerms(db, agencyId, searchWords);
  const [faq, services, topics] = await Promise.all([
    findFaqCandidates(db, agencyId, rarestWords(faqRarity.counts), PER_ROOM),
    findServiceCandidates(db, agencyId, searchWords, PER_ROOM),
    findAnsweredTopicCandidates(db, agencyId, searchWords, PER_ROOM),
  ]);
  const answers = await listPublishedAnswers(
    db,
    agencyId,
    topics.candidates.map((c) => c.topicId),
  );
  const scored: ScoredSource[] = [];
  for (const c of faq) {
    const { score, topic } = coverageOf(concepts, faqRarity, {
      primary: words(c.question),
      secondary: words(c.answer),
      answersIntents: false,
    });
    scored.push({
      source: { kind: "faq", id: c.id, title: c.question, url: `/faq/${c.id}`, score },
      text: c.answer,
      topic,
    });
  }
  for (const c of services.candidates) {
    const d = c.version.definition;
    const { score, topic } = coverageOf(concepts, services, manualWords(d));
    const title = (lang === "en" && d.name.en) || d.name.th;
    scored.push({
      source: { kind: "manual", id: c.serviceId, title, url: `/services/${d.code}`, score },
      text: manualExtract(d, input.intents, lang),
      topic,
    });
  }
  for (const c of topics.candidates) {
    const bodies = answers.filter((a) => a.topicId === c.topicId).map((a) => a.body);
    if (bodies.length === 0) continue;
    const { score, topic } = coverageOf(concepts, topics, {
      primary: words(c.title),
      secondary: words(...bodies),
      answersIntents: false,
    });
    scored.push({
      source: {
        kind: "webboard",
        id: c.topicId,
        title: c.title,
        url: `/webboard/topics/${c.topicId}`,
        score,
      },
      text: bodies.at(-1) ?? "",
      topic,
    });
  }
  const rooms = [faqRarity.counts, services.counts, topics.counts];
  const known = (word: string) => rooms.some((counts) => (counts.get(word) ?? 0) > 0);
  const unseen = concepts.filter(
    (c) => !c.intent && !c.alternatives.some((alt) => alt.every(known)) && c.alternatives[0]?.some(names),
  );
  return { scored, unseen };
}
