import type { Db } from "../platform/db/database.js";

/** A topic the public can read that has at least one published answer, sharing some of the asked words. */
export interface AnsweredTopicCandidate {
  topicId: string;
  title: string;
  hits: number;
}

/**
 * IF-4, WB-4: topics not hidden that carry a published answer, sharing any of the words, those sharing
 * most first; read from the webboard's word index (which holds only what the public may read) and
 * grouped in SQL, bounded by `limit`. A topic whose answers are all drafts, returned or withdrawn is
 * never returned. Also each word's rarity among the agency's indexed topics.
 */
export async function findAnsweredTopicCandidates(
  db: Db,
  agencyId: string,
  terms: readonly string[],
  limit: number,
): Promise<{ candidates: AnsweredTopicCandidate[]; total: number; counts: Map<string, number> }> {
  const unique = [...new Set(terms)];
  if (unique.length === 0) return { candidates: [], total: 0, counts: new Map() };
  const answered = db
    .selectFrom("webboard_answers")
    .select("topic_id")
    .where("agency_id", "=", agencyId)
    .where("status", "=", "published");
  const [rows, counts, total] = await Promise.all([
    db
      .selectFrom("webboard_search_terms as t")
      .innerJoin("webboard_topics as p", "p.id", "t.topic_id")
      .where("t.agency_id", "=", agencyId)
      .where("t.term", "in", unique)
      .where("p.status", "!=", "hidden")
      .where("t.topic_id", "in", answered)
      .groupBy(["t.topic_id", "p.title"])
      .select(({ fn }) => ["t.topic_id", "p.title", fn.countAll<number>().as("hits")])
      .orderBy("hits", "desc")
      .orderBy("t.topic_id")
      .limit(limit)
      .execute(),
    db
      .selectFrom("webboard_search_terms")
      .select(["term", (eb) => eb.fn.countAll<number>().as("n")])
      .where("agency_id", "=", agencyId)
      .where("term", "in", unique)
      .groupBy("term")
      .execute(),
    db
      .selectFrom("webboard_topics")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("agency_id", "=", agencyId)
      .where("status", "!=", "hidden")
      .executeTakeFirstOrThrow(),
  ]);
  return {
    candidates: rows.map((r) => ({ topicId: r.topic_id, title: r.title, hits: Number(r.hits) })),
    total: Number(total.n),
    counts: new Map(counts.map((c) => [c.term, Number(c.n)])),
  };
}
