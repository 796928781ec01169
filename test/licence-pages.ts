import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";

// jsqr's typings name a default export its CommonJS build does not have under NodeNext.
const jsQR = createRequire(import.meta.url)("jsqr") as typeof import("jsqr").default;

/** Each page of `pdf` as a PNG, rendered by poppler's pdftoppm at `dpi`. */
export function pagePngs(pdf: Buffer, dpi: number): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), "licence-pages-"));
  try {
    execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-", join(dir, "page")], { input: pdf });
    return readdirSync(dir)
      .sort()
      .map((name) => readFileSync(join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the first QR code found on a page image, or undefined. */
export function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** How many images a PDF draws (poppler's pdfimages -list, one line per image after the header). */
export function imageCount(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), "licence-images-"));
  try {
    writeFileSync(join(dir, "licence.pdf"), pdf);
    const out = execFileSync("pdfimages", ["-list", join(dir, "licence.pdf")]).toString("utf8");
    return out.trim().split("\n").length - 2;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
