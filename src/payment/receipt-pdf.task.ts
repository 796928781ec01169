import { type ReceiptDocumentFacts, receiptPdf } from "./receipt-pdf.js";

/**
 * receiptPdf in a pool thread: the drawing (pdfkit, Sarabun subset, Thai line breaking) is CPU
 * work. The facts arrive as a structured clone, which keeps the receipt's Dates as Dates.
 */
export function receiptPdfTask(facts: ReceiptDocumentFacts): Promise<Buffer> {
  return receiptPdf(facts);
}
