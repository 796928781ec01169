// FM-4: measures a PDF's scanned pages in a worker thread, so that a damaged or hostile PDF, which
// pdf-lib reads slowly (about 1.5 s a megabyte of garbage), can be stopped at a time limit instead of
// holding the server's one event loop. Plain JavaScript: a worker loads it without a TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from "pdf-lib";

/**
 * The lowest resolution over the pages that are scans: a page whose largest image has about the page's
 * own proportions (either way round) is taken as the scan of that page; a logo or a photo inside a
 * typed page is not. Null when no page is a scan.
 */
async function pdfScanDpi(bytes) {
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  let lowest = null;
  for (const page of pdf.getPages().slice(0, 50)) {
    const { width, height } = page.getSize();
    if (width <= 0 || height <= 0) continue;
    const pageIn = [Math.min(width, height) / 72, Math.max(width, height) / 72];
    const image = largestImage(pdf, page.node.Resources());
    if (!image) continue;
    const pageRatio = pageIn[1] / pageIn[0];
    const imageRatio = Math.max(image.w, image.h) / Math.min(image.w, image.h);
    if (Math.abs(imageRatio - pageRatio) / pageRatio > 0.15) continue;
    const [shortPx, longPx] = image.w < image.h ? [image.w, image.h] : [image.h, image.w];
    const dpi = Math.round(Math.min(shortPx / pageIn[0], longPx / pageIn[1]));
    lowest = lowest === null ? dpi : Math.min(lowest, dpi);
  }
  return lowest;
}

function largestImage(pdf, resources) {
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects) return null;
  let best = null;
  for (const [, value] of xobjects.entries()) {
    const stream = value instanceof PDFRef ? pdf.context.lookup(value) : value;
    if (!(stream instanceof PDFRawStream)) continue;
    if (stream.dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    const w = stream.dict.lookupMaybe(PDFName.of("Width"), PDFNumber)?.asNumber() ?? 0;
    const h = stream.dict.lookupMaybe(PDFName.of("Height"), PDFNumber)?.asNumber() ?? 0;
    if (w > 0 && h > 0 && (!best || w * h > best.w * best.h)) best = { w, h };
  }
  return best;
}

pdfScanDpi(workerData).then(
  (dpi) => parentPort?.postMessage({ dpi }),
  () => parentPort?.postMessage({ dpi: null }),
);
