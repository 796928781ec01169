import type { ServiceDefinition, Text } from "./service-definition.js";

/**
 * IF-2: the words of a text as the index and the query both see them, so that both sides are cut the
 * same way: `Intl.Segmenter` words (Thai has no spaces), lowercased, English plurals folded, and the
 * words that say nothing on their own left out. NFKC is not applied: it would split ำ.
 */
const SEGMENTER = new Intl.Segmenter("th", { granularity: "word" });
const STOP = new Set([
  // "ขอ" (to ask for) begins most services' names and tells them apart from none.
  "ขอ",
  "ที่",
  "การ",
  "และ",
  "ของ",
  "ใน",
  "ให้",
  "ได้",
  "เป็น",
  "หรือ",
  "กับ",
  "ความ",
  "แห่ง",
  "ๆ",
  "the",
  "of",
  "and",
  "for",
  "a",
  "an",
  "to",
  "in",
  "on",
  "or",
]);
const MAX_TERM = 60;

export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const { segment, isWordLike } of SEGMENTER.segment(text.normalize("NFC").toLowerCase())) {
    if (!isWordLike || STOP.has(segment) || segment.length > MAX_TERM) continue;
    // "licences" finds "licence": a plural s of a Latin word is dropped on both sides.
    terms.push(/^[a-z]{4,}s$/.test(segment) && !segment.endsWith("ss") ? segment.slice(0, -1) : segment);
  }
  return terms;
}

/** The most words a word-table search ANDs together; a query's first 200 characters are read. */
const MAX_QUERY_TERMS = 8;

/** A reader's query as the words a search by `termsOf`'s words looks up (register, FAQ, webboard). */
export function queryTermsOf(query: string): string[] {
  return [...new Set(termsOf(query.slice(0, 200)))].slice(0, MAX_QUERY_TERMS);
}

/** How much a word counts by the field it is in: the name most, the fine print least. */
export const FIELD_WEIGHTS = {
  name: 10,
  keyword: 8,
  category: 5,
  summary: 4,
  code: 3,
  document: 2,
  conditions: 2,
} as const;
export type TermSource = keyof typeof FIELD_WEIGHTS;

const both = (text: Text | undefined) => (text ? `${text.th} ${text.en ?? ""}` : "");

/** Each word of a service's definition once, with the weight of the weightiest field it is in. */
export function serviceTerms(
  definition: ServiceDefinition,
): Map<string, { weight: number; source: TermSource }> {
  const fields: [TermSource, string][] = [
    ["name", both(definition.name)],
    ["keyword", definition.keywords.join(" ")],
    ["category", both(definition.category)],
    ["summary", both(definition.summary)],
    ["code", definition.code.replaceAll("-", " ")],
    // Identity documents (ID card, house registration) are asked by nearly every service: they would
    // match everything and tell nothing.
    [
      "document",
      definition.documents
        .filter((d) => !d.identity)
        .map((d) => both(d.name))
        .join(" "),
    ],
    ["conditions", both(definition.conditions)],
  ];
  const terms = new Map<string, { weight: number; source: TermSource }>();
  for (const [source, text] of fields) {
    for (const term of termsOf(text)) {
      const weight = FIELD_WEIGHTS[source];
      if ((terms.get(term)?.weight ?? 0) < weight) terms.set(term, { weight, source });
    }
  }
  return terms;
}
