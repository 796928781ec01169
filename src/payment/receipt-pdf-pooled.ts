import { asBuffer, type ThreadPool, threadTask } from "../platform/threads/index.js";
import { type ReceiptDocumentFacts, receiptPdf } from "./receipt-pdf.js";
import type { receiptPdfTask } from "./receipt-pdf.task.js";

const RECEIPT_PDF = threadTask<typeof receiptPdfTask>(
  new URL("./receipt-pdf.task.ts", import.meta.url).href,
  "receiptPdfTask",
);

/**
 * PY-5: the e-receipt's unsigned PDF drawn on the pool (inline with no pool), the same bytes
 * either way. Only what is printed of the agency crosses, not the whole agency row.
 */
export async function receiptPdfOn(
  pool: ThreadPool | undefined,
  facts: ReceiptDocumentFacts,
): Promise<Buffer> {
  if (!pool) return receiptPdf(facts);
  const { nameTh, postalAddress, timeZone } = facts.agency;
  const pdf = await pool.run(RECEIPT_PDF, { ...facts, agency: { nameTh, postalAddress, timeZone } });
  return asBuffer(pdf);
}
