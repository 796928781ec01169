import { termsOf } from "../catalog/index.js";
import { type Intent, PARAPHRASES } from "./paraphrases.js";

/**
 * IF-4: words of a question that ask rather than say what about — question words, politeness and
 * colloquial particles. They are dropped before searching, so "ต้องใช้อะไรบ้างคะ" is not scored on "คะ".
 */
export const QUESTION_STOP = new Set([
  "อะไร",
  "บ้าง",
  "ไหม",
  "มั้ย",
  "หรือไม่",
  "อย่างไร",
  "ยังไง",
  "ไง",
  "ครับ",
  "ค่ะ",
  "คะ",
  "ค่า",
  "จ้ะ",
  "จ้า",
  "นะ",
  "หน่อย",
  "ด้วย",
  "อยาก",
  "ทราบ",
  "สอบถาม",
  "ถาม",
  "จะ",
  "ต้อง",
  "ไป",
  "มา",
  "ผม",
  "ดิฉัน",
  "ฉัน",
  "หนู",
  "เรา",
  "คุณ",
  "แล้ว",
  "ก็",
  "ว่า",
  "มี",
  "ไม่",
  "ยัง",
  "เขา",
  "นี้",
  "นั้น",
  "คือ",
  "เท่าไร",
  "เท่าไหร่",
  "กี่",
  "how",
  "what",
  "which",
  "when",
  "where",
  "who",
  "do",
  "does",
  "is",
  "are",
  "can",
  "i",
  "my",
  "me",
  "need",
  "get",
  "it",
  "much",
  "many",
  "long",
  "there",
  "with",
  "at",
  "be",
]);

/** One thing the question asks about: its own word, or a paraphrase group's alternative wordings. */
export interface Concept {
  /** Each alternative is a phrase, matched when all its words are present; the asker's wording first. */
  alternatives: string[][];
  /** Set for a group that asks for a manual's section (documents, fee, time, where, who). */
  intent?: Intent;
}

const MAX_CONCEPTS = 10;
const wordsOf = (text: string) => [...new Set(termsOf(text).filter((w) => !QUESTION_STOP.has(w)))];

/**
 * IF-4: what a question asks about. Each paraphrase group the question touches (by any of its phrases)
 * is one concept, matched by any of its official wordings; each remaining word of the question is a
 * concept of its own. Bounded: the first 500 characters, at most 10 concepts.
 */
export function conceptsOf(question: string): Concept[] {
  const lower = question.slice(0, 500).normalize("NFC").toLowerCase();
  const concepts: Concept[] = [];
  const covered = new Set<string>();
  for (const group of PARAPHRASES) {
    const asked = [...group.say, ...(group.ask ?? [])].filter((phrase) => lower.includes(phrase));
    if (asked.length === 0) continue;
    for (const phrase of asked) for (const word of termsOf(phrase)) covered.add(word);
    const alternatives = [...asked, ...group.say].map(wordsOf).filter((words) => words.length > 0);
    const unique = [...new Map(alternatives.map((a) => [a.join(" "), a])).values()];
    concepts.push({ alternatives: unique, ...(group.intent ? { intent: group.intent } : {}) });
  }
  for (const word of wordsOf(lower)) if (!covered.has(word)) concepts.push({ alternatives: [[word]] });
  return concepts.slice(0, MAX_CONCEPTS);
}

/** Every word any concept may be matched by: what the rooms' word indexes are asked for. */
export const searchWordsOf = (concepts: readonly Concept[]) => [
  ...new Set(concepts.flatMap((c) => c.alternatives.flat())),
];
