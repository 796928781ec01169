import { termsOf } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";

const BATCH = 200;

/** IF-4: the words an FAQ entry is found by — its question and answer, cut as the catalogue cuts. */
export function faqTerms(entry: { question: string; answer: string }): string[] {
  return [...new Set(termsOf(`${entry.question} ${entry.answer}`))];
}

/** Writes an entry's words in the transaction that publishes it, so the FAQ never lists what it cannot find. */
export async function indexFaqEntry(
  trx: Db,
  entry: { id: string; agencyId: string; question: string; answer: string },
): Promise<void> {
  await trx.deleteFrom("faq_search_terms").where("faq_entry_id", "=", entry.id).execute();
  const rows = faqTerms(entry).map((term) => ({ agency_id: entry.agencyId, term, faq_entry_id: entry.id }));
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto("faq_search_terms")
      .values(rows.slice(i, i + BATCH))
      .execute();
}

/** A withdrawn entry is found by nothing. */
export async function unindexFaqEntry(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom("faq_search_terms").where("faq_entry_id", "=", id).execute();
}
