import type { Db } from "../platform/db/database.js";
import { currentVersionsOf, type ServiceVersion } from "./service-versions.repo.js";

/** A published service sharing some of the asked words, with its current version (its manual). */
export interface ServiceCandidate {
  serviceId: string;
  code: string;
  /** The sum of the matched words' field weights in the search index (name 10 … conditions 2). */
  weight: number;
  version: ServiceVersion;
}

/**
 * IF-4: the agency's published services sharing any of the words, the weightiest first, read from the
 * catalogue's word index and grouped in SQL (bounded by `limit`), for the assistant to rank. Draft and
 * retired services are never returned. Also gives each word's rarity: how many services hold it.
 */
export async function findServiceCandidates(
  db: Db,
  agencyId: string,
  terms: readonly string[],
  limit: number,
): Promise<{ candidates: ServiceCandidate[]; total: number; counts: Map<string, number> }> {
  const unique = [...new Set(terms)];
  if (unique.length === 0) return { candidates: [], total: 0, counts: new Map() };
  const [rows, counts, total] = await Promise.all([
    db
      .selectFrom("service_search_terms as t")
      .innerJoin("services as s", "s.id", "t.service_id")
      .where("t.agency_id", "=", agencyId)
      .where("t.term", "in", unique)
      .where("s.state", "=", "published")
      .groupBy(["t.service_id", "s.code"])
      .select(({ fn }) => ["t.service_id", "s.code", fn.sum<number>("t.weight").as("weight")])
      .orderBy("weight", "desc")
      .orderBy("t.service_id")
      .limit(limit)
      .execute(),
    db
      .selectFrom("service_search_terms")
      .select(["term", (eb) => eb.fn.countAll<number>().as("n")])
      .where("agency_id", "=", agencyId)
      .where("term", "in", unique)
      .groupBy("term")
      .execute(),
    db
      .selectFrom("services")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("agency_id", "=", agencyId)
      .where("state", "=", "published")
      .executeTakeFirstOrThrow(),
  ]);
  const versionOf = await currentVersionsOf(
    db,
    rows.map((r) => r.service_id),
  );
  return {
    candidates: rows.flatMap((r) => {
      const version = versionOf.get(r.service_id);
      return version ? [{ serviceId: r.service_id, code: r.code, weight: Number(r.weight), version }] : [];
    }),
    total: Number(total.n),
    counts: new Map(counts.map((c) => [c.term, Number(c.n)])),
  };
}
