import { Worker } from "node:worker_threads";
import { imageSize } from "image-size";
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

/** How long a PDF may take to be measured; past it the document is accepted without a judgement. */
export const PDF_SCAN_TIME_LIMIT_MS = 3_000;

/** The lowest dpi of a PDF's scanned pages, measured in a worker stopped at the time limit (null: none). */
function pdfScanDpi(bytes: Uint8Array): Promise<number | null> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./pdf-scan.worker.mjs", import.meta.url), { workerData: bytes });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(null);
    }, PDF_SCAN_TIME_LIMIT_MS);
    const done = (dpi: number | null) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(dpi);
    };
    worker.once("message", (message: { dpi: number | null }) => done(message.dpi));
    worker.once("error", () => done(null));
  });
}
