import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { pagePngs } from "../../../test/licence-pages.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../../test/pdf-text.js";
import { breakLines, createThaiPdf, wordsOf } from "./index.js";

const CONDITIONS =
  "ผู้ขอต้องเป็นเจ้าของสถานที่หรือได้รับความยินยอมจากเจ้าของ สถานที่จำหน่ายอาหารต้องมีน้ำสะอาดเพียงพอ " +
  "และต้องไม่ตั้งอยู่ในที่ที่น่ารังเกียจ ผู้สูงอายุที่มีสัญชาติไทยได้รับเบี้ยยังชีพรายเดือนตามระเบียบกระทรวงมหาดไทย";
const AT = new Date("2026-12-07T03:00:00Z");

/** Offsets where a segmenter word starts or ends in `text`. */
function boundaries(text: string): Set<number> {
  const set = new Set<number>([0]);
  let at = 0;
  for (const word of wordsOf(text)) {
    at += word.length;
    set.add(at);
  }
  return set;
}

/** Each line's end, as an offset of `text` with the dropped spaces skipped. */
function lineEnds(text: string, lines: string[]): number[] {
  const ends: number[] = [];
  let at = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const found = text.indexOf(trimmed, at);
    expect(found).toBeGreaterThanOrEqual(0);
    at = found + trimmed.length;
    ends.push(at);
  }
  return ends;
}

describe("Thai line breaking", () => {
  const byChars = (s: string) => s.length;

  it("never ends a line inside a word, whatever the width", () => {
    const words = boundaries(CONDITIONS);
    for (let width = 12; width <= 80; width += 3) {
      const lines = breakLines(CONDITIONS, width, byChars);
      expect(lines.join("").replace(/\s/g, "")).toBe(CONDITIONS.replace(/\s/g, ""));
      for (const end of lineEnds(CONDITIONS, lines)) expect(words.has(end), `width ${width}`).toBe(true);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    }
  });

  it("breaks a word longer than a line between graphemes, never a mark from its consonant", () => {
    const lines = breakLines("กรุงเทพมหานครอมรรัตนโกสินทร์มหินทรายุธยา", 5, byChars);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).not.toMatch(/^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/);
  });

  it("inserts no zero-width space and keeps explicit line breaks", () => {
    const lines = breakLines("บรรทัดแรก\nบรรทัดที่สอง", 100, byChars);
    expect(lines).toEqual(["บรรทัดแรก", "บรรทัดที่สอง"]);
    expect(breakLines(CONDITIONS, 20, byChars).join("")).not.toContain("\u200B");
  });
});

describe.skipIf(!HAVE_PDFTOTEXT)("a Thai PDF read back with pdftotext", () => {
  const build = () =>
    createThaiPdf({ title: "คู่มือสำหรับประชาชน", lang: "th", createdAt: AT })
      .heading("ขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร")
      .paragraph(CONDITIONS)
      .rows([{ label: "ค่าธรรมเนียม", value: "ไม่มีค่าธรรมเนียม" }])
      .list(["บัตรประจำตัวประชาชน", "สำเนาทะเบียนบ้าน"])
      .checklist(["หนังสือมอบอำนาจ"])
      .writingLines(2)
      .toBuffer();

  it("gives back the text written (modulo SARA AM and whitespace), with title and language set", async () => {
    const pdf = await build();
    const text = pdfText(pdf);
    const expected = [
      "ขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร",
      CONDITIONS,
      "ค่าธรรมเนียม",
      "ไม่มีค่าธรรมเนียม",
      "•บัตรประจำตัวประชาชน",
      "•สำเนาทะเบียนบ้าน",
      "หนังสือมอบอำนาจ",
    ].join("");
    expect(normaliseThai(text)).toBe(normaliseThai(expected));
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (th-TH)");
    expect(raw).toContain("/DisplayDocTitle true");
  });

  it("ends no extracted line inside a word", async () => {
    const lines = pdfText(await build())
      .split("\n")
      .map((l) => normaliseThai(l))
      .filter((l) => l !== "");
    const source = normaliseThai(CONDITIONS);
    const paragraph = lines.filter((l) => source.includes(l));
    expect(paragraph.length).toBeGreaterThan(1);
    const words = boundaries(source);
    for (const end of lineEnds(source, paragraph)) expect(words.has(end)).toBe(true);
  });

  it("is the same bytes for the same content and time", async () => {
    expect((await build()).equals(await build())).toBe(true);
  });
});

describe("an image in a Thai PDF", () => {
  it("PY-1: embeds a PNG (a notice's QR), scaled to the width asked, and the text after it", async () => {
    const QRCode = (await import("qrcode")).default;
    const png = await QRCode.toBuffer("00020101021230550016A000000677010112", { type: "png", margin: 1 });
    const pdf = await createThaiPdf({ title: "ใบแจ้งชำระเงิน", lang: "th", createdAt: AT })
      .paragraph("ก่อนภาพ")
      .image(png, { width: 150, center: true })
      .paragraph("หลังภาพ")
      .toBuffer();
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Subtype /Image");
    if (HAVE_PDFTOTEXT) expect(normaliseThai(pdfText(pdf))).toContain("หลังภาพ");
  });
});

describe("a framed Thai PDF with a figure", () => {
  /** Whether the page image has a dark pixel in the columns where the frame's left rule falls. */
  const ruledAtLeft = (png: Buffer) => {
    const page = PNG.sync.read(png);
    const row = Math.floor(page.height / 2);
    const x0 = Math.floor((page.width * 2.4) / 21) - 3;
    return Array.from({ length: 7 }, (_, i) => page.data[(row * page.width + x0 + i) * 4]!).some(
      (v) => v < 128,
    );
  };

  it.runIf(HAVE_PDFTOTEXT)(
    "draws the frame on every page, and the image's caption under it and the lines beside it",
    async () => {
      const QRCode = (await import("qrcode")).default;
      const png = await QRCode.toBuffer("https://example.go.th/verify/1", { type: "png", margin: 1 });
      const build = (frame: boolean) =>
        createThaiPdf({ title: "ใบอนุญาต", lang: "th", createdAt: AT, frame })
          .writingLines(40)
          .figure(png, {
            width: 90,
            caption: [{ text: "รหัสตรวจสอบ" }, { text: "ABC123", bold: true }],
            beside: [{ text: "ให้ไว้ ณ วันที่ 7 ธันวาคม 2569" }, { text: "(นายทดสอบ ใจดี)" }],
          })
          .toBuffer();
      const framed = await build(true);
      const pages = pagePngs(framed, 30);
      expect(pages.length).toBe(2);
      for (const page of pages) expect(ruledAtLeft(page)).toBe(true);
      for (const page of pagePngs(await build(false), 30)) expect(ruledAtLeft(page)).toBe(false);
      const text = normaliseThai(pdfText(framed));
      for (const line of ["รหัสตรวจสอบ", "ABC123", "ให้ไว้ ณ วันที่ 7 ธันวาคม 2569", "(นายทดสอบ ใจดี)"])
        expect(text).toContain(normaliseThai(line));
    },
  );
});
