import type { FaqEntriesTable } from "./faq.table.js";

/** #16 IF-4, WB-1: a published question and answer as the pages and the search show it. */
export interface FaqEntry {
  id: string;
  agencyId: string;
  serviceId: string | null;
  question: string;
  answer: string;
  /** WB-3: the regulation cited, when it took effect and the date the answer holds as of (YYYY-MM-DD). */
  regulation: string | null;
  regulationEffectiveOn: string | null;
  holdsAsOf: string | null;
  unitId: string | null;
  source: FaqEntriesTable["source"];
  sourceId: string | null;
  status: FaqEntriesTable["status"];
  publishedAt: string;
}

export function faqEntryOf(row: FaqEntriesTable): FaqEntry {
  return {
    id: row.id,
    agencyId: row.agency_id,
    serviceId: row.service_id,
    question: row.question,
    answer: row.answer,
    regulation: row.regulation,
    regulationEffectiveOn: row.regulation_effective_on,
    holdsAsOf: row.holds_as_of,
    unitId: row.unit_id,
    source: row.source,
    sourceId: row.source_id,
    status: row.status,
    publishedAt: row.published_at,
  };
}
