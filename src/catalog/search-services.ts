import { sql } from "kysely";
import { type Db, isPostgres } from "../platform/db/database.js";
import { synonymsOf } from "./search-synonyms.js";
import { termsOf } from "./search-terms.js";
import { currentVersionsOf, type ServiceVersion, versionFromRow } from "./service-versions.repo.js";

export interface ServiceHit {
  code: string;
  /** Per word of the query (or synonym group), the best field weight it matched (× 2 for the query's own). */
  score: number;
  version: ServiceVersion;
}

const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 30;
const MAX_LIMIT = 100;
/** Weights are scaled so that a synonym phrase's share per word stays an integer on both databases. */
const OWN = 24;
const SYNONYM = 12;

interface Phrase {
  group: number;
  words: string[];
}

/** The words searched for: the query's own, and the phrases of each synonym group it touches (IF-2). */
export function queryTerms(query: string): { own: string[]; phrases: Phrase[] } {
  const text = query.slice(0, MAX_QUERY_CHARS);
  const own = [...new Set(termsOf(text))].slice(0, MAX_TERMS);
  const seen = new Set(own);
  const phrases: Phrase[] = [];
  synonymsOf(text).forEach((group, i) => {
    for (const phrase of group) {
      // A word is searched once: the query's own words, then each phrase's words not seen before.
      const words = [...new Set(termsOf(phrase))].filter((term) => !seen.has(term));
      for (const word of words) seen.add(word);
      if (words.length > 0 && phrases.length < MAX_TERMS) phrases.push({ group: i, words });
    }
  });
  return { own, phrases };
}

/** A synonym's word in more than this share of the agency's services finds everything and ranks nothing. */
const COMMON_SHARE = 0.2;

/**
 * The phrases without the synonym words too common to tell services apart (the query's own words are
 * always searched). Counted from the index, so both databases drop the same words.
 */
async function withoutCommonWords(db: Db, agencyId: string, phrases: Phrase[]): Promise<Phrase[]> {
  const words = phrases.flatMap((p) => p.words);
  if (words.length === 0) return phrases;
  const [counts, total] = await Promise.all([
    db
      .selectFrom("service_search_terms")
      .select(["term", (eb) => eb.fn.countAll<number>().as("n")])
      .where("agency_id", "=", agencyId)
      .where("term", "in", words)
      .groupBy("term")
      .execute(),
    db
      .selectFrom("service_search_names")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("agency_id", "=", agencyId)
      .executeTakeFirstOrThrow(),
  ]);
  const limit = Math.max(20, Number(total.n) * COMMON_SHARE);
  const common = new Set(counts.filter((c) => Number(c.n) > limit).map((c) => c.term));
  return phrases
    .map((p) => ({ group: p.group, words: p.words.filter((w) => !common.has(w)) }))
    .filter((p) => p.words.length > 0);
}

/**
 * IF-2: the agency's published services that match `query`, best first. Matching is OR-wise — a service
 * matching some of the query's words is found, ranked by how much of the query it matches — so
 * "ใบอนุญาต ร้านอาหาร" finds "ขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร", which a strict AND would miss. Each
 * word of the query counts once, at the weight of the best field it is in (name 10 … conditions 2);
 * a synonym group counts once, by its best-matching phrase, at half that and shared among the phrase's
 * words, so "ผู้" alone does not pass for "ผู้สูงอายุ" and a long list cannot outweigh the query; a
 * synonym's word found in most services is not searched at all (it would only slow the search). Ties go
 * by Thai name in code point order, which both databases share (hence `collate "C"` on PostgreSQL): SQLite
 * and PostgreSQL return the same list. Retired and unpublished services are never found.
 */
export async function searchServices(
  db: Db,
  agencyId: string,
  query: string,
  options: { limit?: number } = {},
): Promise<ServiceHit[]> {
  const { own, phrases: expanded } = queryTerms(query);
  if (own.length + expanded.length === 0) return [];
  const phrases = await withoutCommonWords(db, agencyId, expanded);
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 20)), MAX_LIMIT);
  // Each service's score is the sum of two parts, each read from the lookup index alone:
  // the query's own words, one row each (a service has a word once), at weight × OWN;
  const ownPart = db
    .selectFrom("service_search_terms as t")
    .select(["t.service_id", sql<number>`t.weight * ${sql.lit(OWN)}`.as("score")])
    .where("t.agency_id", "=", agencyId)
    .where("t.term", "in", own.length > 0 ? own : [""]);
  // and per synonym group, its best phrase: the phrase's words' weights × SYNONYM, shared among them.
  // Phrase and group are numbers computed in the innermost query, since PostgreSQL would not match a
  // GROUP BY expression whose parameters are numbered apart from the same expression in the SELECT.
  const cases = (pick: (p: Phrase, i: number) => unknown) =>
    sql`case ${sql.join(
      phrases.map((p, i) => sql`when t.term in (${sql.join(p.words)}) then ${pick(p, i)}`),
      sql` `,
    )} else 0 end`;
  const synonymRows = db
    .selectFrom("service_search_terms as t")
    .select([
      "t.service_id",
      sql<number>`${cases((p) => sql.lit(p.group))}`.as("group_no"),
      sql<number>`${cases((_, i) => sql.lit(i))}`.as("phrase_no"),
      sql<number>`${cases((p) => sql`t.weight * ${sql.lit(SYNONYM)} / ${sql.lit(p.words.length)}`)}`.as(
        "value",
      ),
    ])
    .where("t.agency_id", "=", agencyId)
    .where("t.term", "in", phrases.length > 0 ? phrases.flatMap((p) => p.words) : [""]);
  const byPhrase = db
    .selectFrom(synonymRows.as("m"))
    .select(["m.service_id", "m.group_no", sql<number>`sum(m.value)`.as("phrase_score")])
    .groupBy(["m.service_id", "m.group_no", "m.phrase_no"]);
  const synonymPart = db
    .selectFrom(byPhrase.as("p"))
    .select(["p.service_id", sql<number>`max(p.phrase_score)`.as("score")])
    .groupBy(["p.service_id", "p.group_no"]);
  const byService = db
    .selectFrom((phrases.length > 0 ? ownPart.unionAll(synonymPart) : ownPart).as("g"))
    .select(["g.service_id", sql<number>`cast(sum(g.score) as integer)`.as("score")])
    .groupBy("g.service_id");
  // Retired and draft services are few: left out by a list rather than a look-up per candidate. Only
  // the candidates placed within the limit (ties at its edge included) are then given state and name.
  const notPublished = db
    .selectFrom("services")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("state", "!=", "published");
  const placed = db
    .selectFrom(byService.as("b"))
    .select(["b.service_id", "b.score", sql<number>`rank() over (order by b.score desc)`.as("place")])
    .where("b.service_id", "not in", notPublished);
  const rows = await db
    .selectFrom(placed.as("c"))
    .innerJoin("services as s", "s.id", "c.service_id")
    .innerJoin("service_search_names as n", "n.service_id", "c.service_id")
    .select(["c.service_id", "s.code", "c.score"])
    .where("c.place", "<=", limit)
    .orderBy("c.score", "desc")
    .orderBy(isPostgres(db) ? sql`n.name collate "C"` : sql`n.name`)
    .orderBy("c.service_id")
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const versionOf = await currentVersionsOf(
    db,
    rows.map((r) => r.service_id),
  );
  return rows.flatMap((row) => {
    const version = versionOf.get(row.service_id);
    return version ? [{ code: row.code, score: Number(row.score), version }] : [];
  });
}

/** Every published service's current version, by Thai name (the catalogue without a query). */
export async function listPublishedVersions(db: Db, agencyId: string): Promise<ServiceVersion[]> {
  const rows = await db
    .selectFrom("service_versions as v")
    .innerJoin("services as s", "s.id", "v.service_id")
    .selectAll("v")
    .where("s.agency_id", "=", agencyId)
    .where("s.state", "=", "published")
    .whereRef("v.version", "=", "s.current_version")
    .execute();
  const collator = new Intl.Collator("th");
  return rows
    .map(versionFromRow)
    .sort((a, b) => collator.compare(a.definition.name.th, b.definition.name.th) || a.id.localeCompare(b.id));
}
