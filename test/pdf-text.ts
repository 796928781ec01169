import { execFileSync, spawnSync } from "node:child_process";

/** poppler's pdftotext reads our PDFs back; missing: those tests are skipped locally, a failure in CI. */
export const HAVE_PDFTOTEXT = spawnSync("pdftotext", ["-v"]).error === undefined;
if (!HAVE_PDFTOTEXT && process.env.CI === "true")
  throw new Error("CI=true but pdftotext is missing: install poppler-utils (.ci/run does)");

/** The text of a PDF as pdftotext extracts it, in reading order, lines as laid out. */
export function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
}

/**
 * Extracted Thai compared with what was written: SARA AM comes back as NIKHAHIT + SARA AA, and after a tone mark
 * with a second SARA AA (the font draws ำ as two glyphs); whitespace and line breaks are not compared.
 */
export function normaliseThai(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\u0E4D\u0E32+/g, "\u0E33")
    .replace(/\s+/g, "");
}
