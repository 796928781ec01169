import type { Db } from "../platform/db/database.js";

/** A published FAQ entry and how many of the asked words it holds. */
export interface FaqCandidate {
  id: string;
  serviceId: string | null;
  question: string;
  answer: string;
  hits: number;
}

/**
 * IF-4: published entries sharing any of the words, those sharing most first — the assistant's first
 * reading of the FAQ. Grouped in SQL over the word index, so the cost follows the words, not the FAQ.
 */
export async function findFaqCandidates(
  db: Db,
  agencyId: string,
  terms: readonly string[],
  limit: number,
): Promise<FaqCandidate[]> {
  if (terms.length === 0) return [];
  const rows = await db
    .selectFrom("faq_search_terms as t")
    .innerJoin("faq_entries as f", "f.id", "t.faq_entry_id")
    .where("t.agency_id", "=", agencyId)
    .where("t.term", "in", [...new Set(terms)])
    .where("f.status", "=", "published")
    .groupBy(["f.id", "f.service_id", "f.question", "f.answer", "f.published_at"])
    .select(({ fn }) => ["f.id", "f.service_id", "f.question", "f.answer", fn.countAll<number>().as("hits")])
    .orderBy("hits", "desc")
    .orderBy("f.published_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    question: r.question,
    answer: r.answer,
    hits: Number(r.hits),
  }));
}
