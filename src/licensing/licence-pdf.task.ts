import { type LicenceDocumentFacts, licencePdf } from "./licence-pdf.js";

/**
 * licencePdf in a pool thread (WS-4): pdfkit's font subsetting and the Thai line breaking hold a core
 * for the whole drawing. The facts arrive as a structured clone: dates stay Dates, but the emblem's
 * Buffer is a plain Uint8Array, which pdfkit would take for a file name, so it is a Buffer again here.
 */
export function licencePdfTask(facts: LicenceDocumentFacts): Promise<Buffer> {
  const emblem = facts.emblemPng;
  return licencePdf({
    ...facts,
    emblemPng: emblem && Buffer.from(emblem.buffer, emblem.byteOffset, emblem.byteLength),
  });
}
