import { imageSize } from "image-size";
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFStream } from "pdf-lib";
import type { RequiredDocument } from "../catalog/index.js";

/** FM-4: below this a scan or photo may not be legible; the applicant and the officer are warned. */
export const MIN_DPI = 300;

/** Physical sizes in inches (short side, long side) of the papers a checklist item is made in. */
const PAPER_INCHES: Record<Exclude<RequiredDocument["paper"], "other">, [number, number]> = {
  "id-card": [54 / 25.4, 85.6 / 25.4], // ISO/IEC 7810 ID-1
  a4: [210 / 25.4, 297 / 25.4],
  "photo-4x6": [4, 6],
};

export interface Resolution {
  /** Dots per inch the document was captured at; null when it cannot be judged (text PDF, other paper). */
  dpi: number | null;
  lowResolution: boolean;
}

const NOT_JUDGED: Resolution = { dpi: null, lowResolution: false };

/**
 * FM-4: the resolution of an uploaded document, from its pixels against its physical size, either
 * way round (a phone photo is often rotated). The DPI tag is never trusted: phones write 72 whatever
 * they captured. A scanned PDF is judged by its page images against the page; a PDF with text and no
 * page-sized image is not judged. Still accepted when low: only a warning.
 */
export async function judgeResolution(
  bytes: Uint8Array,
  mediaType: string | null,
  paper: RequiredDocument["paper"],
): Promise<Resolution> {
  try {
    if (mediaType === "application/pdf") return verdict(await pdfScanDpi(bytes));
    if (paper === "other" || !mediaType?.startsWith("image/")) return NOT_JUDGED;
    const { width, height } = imageSize(bytes);
    if (!width || !height) return NOT_JUDGED;
    return verdict(dpiOf(width, height, PAPER_INCHES[paper]));
  } catch {
    // A file the allow-list took but these readers cannot measure (HEIC, a damaged PDF): not judged.
    return NOT_JUDGED;
  }
}

const verdict = (dpi: number | null): Resolution =>
  dpi === null ? NOT_JUDGED : { dpi, lowResolution: dpi < MIN_DPI };

/** Pixels per inch along the weaker side, matching long side to long side. */
function dpiOf(width: number, height: number, [shortIn, longIn]: [number, number]): number {
  const [shortPx, longPx] = width < height ? [width, height] : [height, width];
  return Math.round(Math.min(shortPx / shortIn, longPx / longIn));
}

/**
 * The lowest resolution over the pages that are scans: a page whose largest image has about the page's
 * own proportions (either way round) is taken as the scan of that page; a logo or a photo inside a
 * typed page is not. Null when no page is a scan.
 */
async function pdfScanDpi(bytes: Uint8Array): Promise<number | null> {
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  let lowest: number | null = null;
  for (const page of pdf.getPages().slice(0, 50)) {
    const { width, height } = page.getSize();
    if (width <= 0 || height <= 0) continue;
    const pageIn: [number, number] = [Math.min(width, height) / 72, Math.max(width, height) / 72];
    const image = largestImage(pdf, page.node.Resources());
    if (!image) continue;
    const pageRatio = pageIn[1] / pageIn[0];
    const imageRatio = Math.max(image.w, image.h) / Math.min(image.w, image.h);
    if (Math.abs(imageRatio - pageRatio) / pageRatio > 0.15) continue;
    const dpi = dpiOf(image.w, image.h, pageIn);
    lowest = lowest === null ? dpi : Math.min(lowest, dpi);
  }
  return lowest;
}

function largestImage(pdf: PDFDocument, resources: PDFDict | undefined): { w: number; h: number } | null {
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects) return null;
  let best: { w: number; h: number } | null = null;
  for (const [, value] of xobjects.entries()) {
    const stream = (value instanceof PDFRef ? pdf.context.lookup(value) : value) as PDFStream | undefined;
    if (!(stream instanceof PDFRawStream)) continue;
    if (stream.dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    const w = stream.dict.lookupMaybe(PDFName.of("Width"), PDFNumber)?.asNumber() ?? 0;
    const h = stream.dict.lookupMaybe(PDFName.of("Height"), PDFNumber)?.asNumber() ?? 0;
    if (w > 0 && h > 0 && (!best || w * h > best.w * best.h)) best = { w, h };
  }
  return best;
}
