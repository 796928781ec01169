import { asBuffer, type ThreadPool, threadTask } from "../platform/threads/index.js";
import { type LicenceDocumentFacts, licencePdf } from "./licence-pdf.js";
import type { licencePdfTask } from "./licence-pdf.task.js";

const LICENCE_PDF = threadTask<typeof licencePdfTask>(
  new URL("./licence-pdf.task.ts", import.meta.url).href,
  "licencePdfTask",
);

/**
 * LC-1: the licence's unsigned PDF drawn on the pool (inline with no pool), the same bytes either
 * way. Only the plain facts cross: the agency's three printed names, not the whole agency; the emblem is
 * read from the store by the caller, on this thread, and copied over (the caller keeps its bytes).
 */
export async function licencePdfOn(
  pool: ThreadPool | undefined,
  facts: LicenceDocumentFacts,
): Promise<Buffer> {
  if (!pool) return licencePdf(facts);
  const { nameTh, nameEn, postalAddress } = facts.agency;
  const pdf = await pool.run(LICENCE_PDF, { ...facts, agency: { nameTh, nameEn, postalAddress } });
  return asBuffer(pdf);
}
