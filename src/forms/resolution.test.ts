import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { makePdf, makePng } from "../../test/images.js";
import { judgeResolution, MIN_DPI } from "./resolution.js";

describe("resolution against the document's physical size", () => {
  it("FM-4: an ID card photographed at 1012×638 px is 300 dpi; at 600×378 it is low", async () => {
    expect(await judgeResolution(makePng(1012, 638), "image/png", "id-card")).toEqual({
      dpi: 300,
      lowResolution: false,
    });
    const low = await judgeResolution(makePng(600, 378), "image/png", "id-card");
    expect(low.lowResolution).toBe(true);
    expect(low.dpi).toBe(178);
  });

  it("FM-4: orientation does not matter (a portrait photo of a landscape card)", async () => {
    const landscape = await judgeResolution(makePng(1012, 638), "image/png", "id-card");
    const portrait = await judgeResolution(makePng(638, 1012), "image/png", "id-card");
    expect(portrait).toEqual(landscape);
  });

  it("FM-4: the same pixels are plenty for an ID card and too few for an A4 form", async () => {
    const png = makePng(1200, 760);
    expect((await judgeResolution(png, "image/png", "id-card")).lowResolution).toBe(false);
    const a4 = await judgeResolution(png, "image/png", "a4");
    expect(a4.lowResolution).toBe(true);
    expect(a4.dpi).toBeLessThan(MIN_DPI);
  });

  it("FM-4: a 4×6 in photo needs 1200×1800 px", async () => {
    expect((await judgeResolution(makePng(1200, 1800), "image/png", "photo-4x6")).dpi).toBe(300);
    expect((await judgeResolution(makePng(800, 1200), "image/png", "photo-4x6")).lowResolution).toBe(true);
  });

  it("FM-4: a scanned A4 PDF is judged by its page images; the worst page counts", async () => {
    const good = await makePdf([{ scan: [2480, 3508] }]);
    expect(await judgeResolution(good, "application/pdf", "a4")).toEqual({ dpi: 300, lowResolution: false });
    const mixed = await makePdf([{ scan: [2480, 3508] }, { scan: [1240, 1754] }]);
    expect(await judgeResolution(mixed, "application/pdf", "a4")).toEqual({ dpi: 150, lowResolution: true });
  });

  it("FM-4: a typed PDF with a small logo is not judged", async () => {
    const typed = await makePdf([{ text: "Delegation of authority" }]);
    expect(await judgeResolution(typed, "application/pdf", "a4")).toEqual({
      dpi: null,
      lowResolution: false,
    });
  });

  it("FM-4: other papers, non-images and unreadable bytes are not judged, never an error", async () => {
    expect((await judgeResolution(makePng(100, 100), "image/png", "other")).dpi).toBeNull();
    expect((await judgeResolution(Buffer.from("hello"), "text/plain", "a4")).dpi).toBeNull();
    expect((await judgeResolution(Buffer.from("%PDF-1.4 junk"), "application/pdf", "a4")).dpi).toBeNull();
    expect((await judgeResolution(Buffer.from("not a png"), "image/png", "a4")).dpi).toBeNull();
  });
});

describe("FM-4: a damaged PDF", () => {
  it("is accepted without a judgement, measured off the event loop so that other requests go on", async () => {
    // About 4 MB that only begins like a PDF: pdf-lib reads such bytes at about 1.5 s a megabyte.
    const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(4_000_000)]);
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    try {
      expect(await judgeResolution(bytes, "application/pdf", "a4")).toEqual({
        dpi: null,
        lowResolution: false,
      });
    } finally {
      clearInterval(ticker);
    }
    expect(longestGap).toBeLessThan(1_000);
  }, 20_000);
});
