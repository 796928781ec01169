import type { Db } from "../platform/db/database.js";
import { type FaqEntry, faqEntryOf } from "./faq-entry.js";

import type { KeysetCursor } from "./keyset-cursor.js";

export interface FaqListQuery {
  /** Every one of these words (queryTermsOf) must be an entry's; empty: no word filter. */
  terms: readonly string[];
  /** Only this service's entries. */
  serviceId?: string;
  after?: KeysetCursor;
  limit: number;
}

/**
 * IF-4, WB-1: the agency's published entries, newest first, a page at a time (keyset), found by Thai
 * words and by service. A withdrawn entry is never listed: only status "published" is read, anywhere.
 */
export async function listPublishedFaq(
  db: Db,
  agencyId: string,
  query: FaqListQuery,
): Promise<{ entries: FaqEntry[]; next?: KeysetCursor }> {
  let select = db
    .selectFrom("faq_entries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("status", "=", "published");
  if (query.serviceId) select = select.where("service_id", "=", query.serviceId);
  if (query.terms.length > 0) {
    // Every word, each checked by its primary key. A rare word drives the search (its few entries, then
    // sorted); when every word is common, the newest entries are walked and the page fills at once.
    const rarest = await rarestTerm(db, agencyId, query.terms);
    if (rarest)
      select = select.where("id", "in", (eb) =>
        eb
          .selectFrom("faq_search_terms")
          .select("faq_entry_id")
          .where("agency_id", "=", agencyId)
          .where("term", "=", rarest),
      );
    for (const term of query.terms)
      select = select.where((eb) =>
        eb.exists(
          eb
            .selectFrom("faq_search_terms as w")
            .select("w.term")
            .where("w.agency_id", "=", agencyId)
            .where("w.term", "=", term)
            .whereRef("w.faq_entry_id", "=", "faq_entries.id"),
        ),
      );
  }
  const after = query.after;
  if (after)
    select = select.where((eb) =>
      eb.or([
        eb("published_at", "<", after.at),
        eb.and([eb("published_at", "=", after.at), eb("id", "<", after.id)]),
      ]),
    );
  const rows = await select
    .orderBy("published_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const entries = rows.slice(0, query.limit).map(faqEntryOf);
  const last = entries.at(-1);
  return {
    entries,
    next: rows.length > query.limit && last ? { at: last.publishedAt, id: last.id } : undefined,
  };
}

/** One published entry of the agency, or undefined (withdrawn, unknown, another agency's). */
export async function findPublishedFaq(db: Db, agencyId: string, id: string): Promise<FaqEntry | undefined> {
  const row = await db
    .selectFrom("faq_entries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .where("status", "=", "published")
    .executeTakeFirst();
  return row && faqEntryOf(row);
}

/** Any entry of the agency, withdrawn too, for the office pages. */
export async function findFaqEntry(db: Db, agencyId: string, id: string): Promise<FaqEntry | undefined> {
  const row = await db
    .selectFrom("faq_entries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && faqEntryOf(row);
}

/** Below this many entries a word is rare enough to drive the search. */
const RARE = 2000;

/** The word with the fewest entries, when it has fewer than RARE (counted no further than that). */
async function rarestTerm(db: Db, agencyId: string, terms: readonly string[]): Promise<string | undefined> {
  let best: { term: string; n: number } | undefined;
  for (const term of terms) {
    const row = await db
      .selectFrom((eb) =>
        eb
          .selectFrom("faq_search_terms")
          .select("faq_entry_id")
          .where("agency_id", "=", agencyId)
          .where("term", "=", term)
          .limit(RARE)
          .as("postings"),
      )
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    const n = Number(row?.n ?? 0);
    if (n < RARE && (!best || n < best.n)) best = { term, n };
  }
  return best?.term;
}
