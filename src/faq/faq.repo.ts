import type { Db } from "../platform/db/database.js";
import { type FaqEntry, faqEntryOf } from "./faq-entry.js";

export interface FaqCursor {
  publishedAt: string;
  id: string;
}

export interface FaqListQuery {
  /** Every one of these words (faqQueryTerms) must be an entry's; empty: no word filter. */
  terms: readonly string[];
  /** Only this service's entries. */
  serviceId?: string;
  after?: FaqCursor;
  limit: number;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([0-9a-f-]{36})$/;

export const encodeFaqCursor = (c: FaqCursor) =>
  Buffer.from(`${c.publishedAt}|${c.id}`).toString("base64url");

/** A cursor from a link, or undefined when it is not one we made. */
export function decodeFaqCursor(text: string): FaqCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  const match = CURSOR.exec(Buffer.from(text, "base64url").toString("utf8"));
  return match ? { publishedAt: match[1]!, id: match[2]! } : undefined;
}

/**
 * IF-4, WB-1: the agency's published entries, newest first, a page at a time (keyset), found by Thai
 * words and by service. A withdrawn entry is never listed: only status "published" is read, anywhere.
 */
export async function listPublishedFaq(
  db: Db,
  agencyId: string,
  query: FaqListQuery,
): Promise<{ entries: FaqEntry[]; next?: FaqCursor }> {
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
        eb("published_at", "<", after.publishedAt),
        eb.and([eb("published_at", "=", after.publishedAt), eb("id", "<", after.id)]),
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
    next: rows.length > query.limit && last ? { publishedAt: last.publishedAt, id: last.id } : undefined,
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
