import { asBuffer } from "../platform/threads/index.js";
import { type LicenceDocumentFacts, licencePdf } from "./licence-pdf.js";

/**
 * licencePdf in a pool thread: pdfkit's font subsetting and the Thai line breaking hold a core
 * for the whole drawing. The facts arrive as a structured clone: dates stay Dates, but the emblem's
 * Buffer is a plain Uint8Array; it is a Buffer again here (no copy), as the facts' type says, so that the
 * drawing is given what the inline call is given.
 */
export function licencePdfTask(facts: LicenceDocumentFacts): Promise<Buffer> {
  const emblem = facts.emblemPng;
  return licencePdf({
    ...facts,
    emblemPng: emblem && asBuffer(emblem),
  });
}
