import type { Db } from "../platform/db/database.js";
import { type FaqEntry, faqEntryOf } from "./faq-entry.js";

import type { KeysetCursor } from "./keyset-cursor.js";

export interface FaqListQuery {
  /** Every one of these words (faqQueryTerms) must be an entry's; empty: no word filter. */
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
  if (query.terms.length > 0)
    select = select.where("id", "in", (eb) =>
      eb
        .selectFrom("faq_search_terms")
        .select("faq_entry_id")
        .where("agency_id", "=", agencyId)
        .where("term", "in", [...query.terms])
        .groupBy("faq_entry_id")
        .having((h) => h.fn.countAll(), "=", query.terms.length),
    );
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
