import type { Db } from "../platform/db/database.js";

/** How many of the agency's FAQ entries hold each word, and how many entries are indexed at all. */
export interface FaqTermCounts {
  total: number;
  counts: Map<string, number>;
}

/**
 * IF-4: the rarity of the asked words in the FAQ, read from its word index (one grouped count per
 * word, bounded by the words asked), so the assistant can weigh a rare word above a common one.
 * Withdrawn entries keep no words in the index, so they are not counted.
 */
export async function countFaqTerms(
  db: Db,
  agencyId: string,
  terms: readonly string[],
): Promise<FaqTermCounts> {
  const unique = [...new Set(terms)];
  const [rows, total] = await Promise.all([
    unique.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("faq_search_terms")
          .select(["term", (eb) => eb.fn.countAll<number>().as("n")])
          .where("agency_id", "=", agencyId)
          .where("term", "in", unique)
          .groupBy("term")
          .execute(),
    db
      .selectFrom("faq_entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("agency_id", "=", agencyId)
      .where("status", "=", "published")
      .executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), counts: new Map(rows.map((r) => [r.term, Number(r.n)])) };
}
