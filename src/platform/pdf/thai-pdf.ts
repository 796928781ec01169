import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { breakLines } from "./thai-lines.js";

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve("@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf"),
};
type FontName = keyof typeof FONTS;

const CM = 72 / 2.54;
/** A4 with the margins of an official Thai letter: 3 cm left, 2 cm right, 2.5 cm top, 2 cm bottom. */
const MARGINS = { top: 2.5 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM };
const BODY_SIZE = 14;
const LINE_GAP = 1.45;

export interface ThaiPdfOptions {
  title: string;
  lang: "th" | "en";
  author?: string;
  subject?: string;
  /** The document's creation time (its metadata and file id): pass the clock's time for stable output. */
  createdAt?: Date;
  /** A double rule around each page, inside the margins (a certificate or a licence). */
  frame?: boolean;
}

/** A line of text in a block beside an image. */
export interface SideLine {
  text: string;
  bold?: boolean;
  size?: number;
}

export interface KeyValueRow {
  label: string;
  value: string;
}

/** A document being written top to bottom; each call adds a block and returns the builder. */
export interface ThaiPdf {
  heading(text: string, level?: 1 | 2 | 3): ThaiPdf;
  /**
   * A wrapped paragraph; `indent` starts it that share of the width in (0..1, e.g. a letter's address
   * and signature blocks at the middle), `center` centres each line (a heading of an official letter).
   */
  paragraph(
    text: string,
    options?: { bold?: boolean; size?: number; indent?: number; center?: boolean },
  ): ThaiPdf;
  /** Two texts on the same lines: one at the left, one from `from` (share of the width) on (ที่ and address); "\n" breaks a line. */
  pair(left: string, right: string, options?: { size?: number; from?: number }): ThaiPdf;
  /** Label and value side by side, both wrapped (a two-column table without rules). */
  rows(rows: KeyValueRow[]): ThaiPdf;
  /** Bulleted (or numbered) items, wrapped under their own start. */
  list(items: string[], options?: { numbered?: boolean }): ThaiPdf;
  /** Items each with an empty box to tick by hand (a paper checklist). */
  checklist(items: string[]): ThaiPdf;
  /** Ruled lines to write on by hand (a paper form's answer space). */
  writingLines(count: number): ThaiPdf;
  space(lines?: number): ThaiPdf;
  /** A PNG or JPEG `width` points wide (its height in proportion), at the left or centred (a QR code). */
  image(data: Buffer, options: { width: number; center?: boolean }): ThaiPdf;
  /**
   * An image at the left with `caption` lines under it, and `beside` lines centred in the rest of the
   * width, level with the image's top (a QR code beside a signature block); kept together on one page.
   */
  figure(data: Buffer, options: { width: number; caption?: SideLine[]; beside?: SideLine[] }): ThaiPdf;
  toBuffer(): Promise<Buffer>;
}

/**
 * Sarabun draws SARA AM (ำ) as two glyphs, NIKHAHIT and SARA AA, and pdfkit maps each glyph back to the
 * text it was first drawn for. Were ำ drawn first, SARA AA would map to nothing and every later "า" of
 * that font would be lost from copied or extracted text. Drawing both on their own first keeps "า"; ำ then
 * extracts as "ํา" or "ำา" (the known quirk readers normalise). pdfkit has no public call for this.
 */
function primeTextExtraction(doc: PDFKit.PDFDocument) {
  for (const font of Object.keys(FONTS)) {
    doc.font(font);
    (doc as unknown as { _font: { encode(text: string): unknown } })._font.encode("\u0E4D \u0E32");
  }
}

/**
 * A Thai PDF (A4, Sarabun embedded) whose lines are broken at Thai word boundaries by us, not by pdfkit
 * (THAI-STANDARDS §8). Title and language are set in the metadata so screen readers and search read it.
 */
export function createThaiPdf(options: ThaiPdfOptions): ThaiPdf {
  const createdAt = options.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    lang: options.lang === "th" ? "th-TH" : "en-GB",
    displayTitle: true,
    info: {
      Title: options.title,
      Author: options.author ?? "",
      Subject: options.subject ?? "",
      Producer: "Borikan",
      Creator: "Borikan",
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("bold", FONTS.bold);
  primeTextExtraction(doc);
  const drawFrame = () => {
    const inset = CM * 0.6;
    const [x, y0] = [MARGINS.left - inset, MARGINS.top - inset];
    const [w, h] = [
      doc.page.width - MARGINS.left - MARGINS.right + 2 * inset,
      doc.page.height - MARGINS.top - MARGINS.bottom + 2 * inset,
    ];
    doc
      .save()
      .lineWidth(1.6)
      .rect(x, y0, w, h)
      .stroke()
      .lineWidth(0.5)
      .rect(x + 4, y0 + 4, w - 8, h - 8)
      .stroke()
      .restore();
  };
  if (options.frame) {
    drawFrame();
    doc.on("pageAdded", drawFrame);
  }
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  let y = MARGINS.top;
  const bottom = () => doc.page.height - MARGINS.bottom;

  const use = (font: FontName, size: number) => doc.font(font).fontSize(size);
  const lineHeight = (size: number) => size * LINE_GAP;
  /** Moves to the next page when `height` does not fit on this one. */
  const room = (height: number) => {
    if (y + height > bottom()) {
      doc.addPage();
      y = MARGINS.top;
    }
  };
  const wrap = (text: string, font: FontName, size: number, w: number) => {
    use(font, size);
    return breakLines(text, w, (s) => doc.widthOfString(s), options.lang);
  };
  const draw = (line: string, x: number, font: FontName, size: number) => {
    if (line !== "") use(font, size).text(line, x, y, { lineBreak: false });
  };
  const block = (text: string, font: FontName, size: number, indent = 0, center = false) => {
    for (const line of wrap(text, font, size, width - indent)) {
      room(lineHeight(size));
      const shift = center ? (width - indent - doc.widthOfString(line)) / 2 : 0;
      draw(line, left + indent + Math.max(0, shift), font, size);
      y += lineHeight(size);
    }
  };

  const builder: ThaiPdf = {
    heading(text, level = 1) {
      const size = level === 1 ? 20 : level === 2 ? 16 : BODY_SIZE;
      // A heading is not left alone at the foot of a page.
      room(lineHeight(size) + lineHeight(BODY_SIZE) * 2);
      y += level === 1 ? 0 : lineHeight(BODY_SIZE) * 0.4;
      block(text, "bold", size);
      return builder;
    },
    paragraph(text, opts = {}) {
      const indent = Math.min(Math.max(opts.indent ?? 0, 0), 0.9) * width;
      block(text, opts.bold ? "bold" : "regular", opts.size ?? BODY_SIZE, indent, opts.center);
      y += lineHeight(BODY_SIZE) * 0.3;
      return builder;
    },
    pair(leftText, rightText, opts = {}) {
      const size = opts.size ?? BODY_SIZE;
      const from = Math.min(Math.max(opts.from ?? 0.5, 0.1), 0.9) * width;
      // A line break in either text starts a new line there (an address under the agency's name).
      const lefts = leftText.split("\n").flatMap((part) => wrap(part, "regular", size, from - 8));
      const rights = rightText.split("\n").flatMap((part) => wrap(part, "regular", size, width - from));
      for (let i = 0; i < Math.max(lefts.length, rights.length); i++) {
        room(lineHeight(size));
        draw(lefts[i] ?? "", left, "regular", size);
        draw(rights[i] ?? "", left + from, "regular", size);
        y += lineHeight(size);
      }
      y += lineHeight(BODY_SIZE) * 0.3;
      return builder;
    },
    rows(rows) {
      const labelWidth = width * 0.35;
      const gap = 8;
      for (const row of rows) {
        const labels = wrap(row.label, "bold", BODY_SIZE, labelWidth);
        const values = wrap(row.value, "regular", BODY_SIZE, width - labelWidth - gap);
        for (let i = 0; i < Math.max(labels.length, values.length); i++) {
          room(lineHeight(BODY_SIZE));
          draw(labels[i] ?? "", left, "bold", BODY_SIZE);
          draw(values[i] ?? "", left + labelWidth + gap, "regular", BODY_SIZE);
          y += lineHeight(BODY_SIZE);
        }
        y += lineHeight(BODY_SIZE) * 0.2;
      }
      return builder;
    },
    list(items, opts = {}) {
      items.forEach((item, i) => {
        const marker = opts.numbered ? `${i + 1}.` : "•";
        room(lineHeight(BODY_SIZE));
        draw(marker, left + 4, "regular", BODY_SIZE);
        block(item, "regular", BODY_SIZE, 24);
      });
      y += lineHeight(BODY_SIZE) * 0.3;
      return builder;
    },
    checklist(items) {
      const box = BODY_SIZE * 0.8;
      for (const item of items) {
        room(lineHeight(BODY_SIZE));
        doc
          .lineWidth(0.8)
          .rect(left + 2, y + (lineHeight(BODY_SIZE) - box) / 2, box, box)
          .stroke();
        block(item, "regular", BODY_SIZE, 24);
      }
      y += lineHeight(BODY_SIZE) * 0.3;
      return builder;
    },
    writingLines(count) {
      const step = lineHeight(BODY_SIZE) * 1.3;
      for (let i = 0; i < count; i++) {
        room(step);
        y += step;
        doc
          .lineWidth(0.5)
          .strokeColor("#888888")
          .moveTo(left, y - 4)
          .lineTo(left + width, y - 4)
          .stroke()
          .strokeColor("#000000");
      }
      y += lineHeight(BODY_SIZE) * 0.3;
      return builder;
    },
    space(lines = 1) {
      y += lineHeight(BODY_SIZE) * lines;
      return builder;
    },
    image(data, opts) {
      const w = Math.min(opts.width, width);
      const picture = (
        doc as unknown as { openImage(src: Buffer): { width: number; height: number } }
      ).openImage(data);
      const h = (picture.height / picture.width) * w;
      room(h);
      doc.image(picture as unknown as Buffer, left + (opts.center ? (width - w) / 2 : 0), y, {
        width: w,
        height: h,
      });
      y += h + lineHeight(BODY_SIZE) * 0.3;
      return builder;
    },
    figure(data, opts) {
      const w = Math.min(opts.width, width / 2);
      const picture = (
        doc as unknown as { openImage(src: Buffer): { width: number; height: number } }
      ).openImage(data);
      const h = (picture.height / picture.width) * w;
      const linesOf = (lines: SideLine[], w2: number) =>
        lines.flatMap((l) =>
          wrap(l.text, l.bold ? "bold" : "regular", l.size ?? BODY_SIZE, w2).map((text) => ({ ...l, text })),
        );
      const captionWidth = Math.max(w, width * 0.3);
      const caption = linesOf(opts.caption ?? [], captionWidth);
      const sideLeft = captionWidth + 16;
      const beside = linesOf(opts.beside ?? [], width - sideLeft);
      const heightOf = (lines: SideLine[]) =>
        lines.reduce((sum, l) => sum + lineHeight(l.size ?? BODY_SIZE), 0);
      room(Math.max(h + heightOf(caption), heightOf(beside)));
      const top = y;
      doc.image(picture as unknown as Buffer, left + (captionWidth - w) / 2, y, { width: w, height: h });
      y += h;
      const column = (lines: SideLine[], x: number, w2: number) => {
        for (const line of lines) {
          const font: FontName = line.bold ? "bold" : "regular";
          const size = line.size ?? BODY_SIZE;
          use(font, size);
          draw(line.text, x + Math.max(0, (w2 - doc.widthOfString(line.text)) / 2), font, size);
          y += lineHeight(size);
        }
      };
      column(caption, left, captionWidth);
      const below = y;
      y = top;
      column(beside, left + sideLeft, width - sideLeft);
      y = Math.max(y, below) + lineHeight(BODY_SIZE) * 0.3;
      return builder;
    },
    toBuffer() {
      doc.end();
      return done;
    },
  };
  return builder;
}
