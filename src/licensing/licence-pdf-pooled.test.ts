import { afterAll, describe, expect, it } from "vitest";
import { makePng } from "../../test/images.js";
import { loopLagDuring } from "../../test/loop-lag.js";
import { createThreadPool } from "../platform/threads/index.js";
import { type LicenceDocumentFacts, licencePdf } from "./licence-pdf.js";
import { licencePdfOn } from "./licence-pdf-pooled.js";

const ADDRESS = "เลขที่ 99/1 หมู่ 3 ถนนพหลโยธิน แขวงลาดยาว เขตจตุจักร กรุงเทพมหานคร 10900";

/** A licence of `conditions` conditions (30 or more run to a second page). */
function licenceFacts(conditions: number, more: Partial<LicenceDocumentFacts> = {}): LicenceDocumentFacts {
  return {
    agency: { nameTh: "องค์การบริหารส่วนตำบลทดลอง", nameEn: "Test SAO", postalAddress: ADDRESS },
    title: { th: "ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร", en: "Food shop licence" },
    number: "12/2569",
    edition: 1,
    holderName: "นางศรีนวล ทำดี",
    fields: [
      { key: "shopName", label: { th: "ชื่อสถานที่" }, value: "ร้านข้าวแกงป้าศรี สาขาตลาดน้ำ" },
      { key: "shopAddress", label: { th: "ที่ตั้ง" }, value: ADDRESS },
    ],
    conditions: Array.from({ length: conditions }, (_, i) => ({
      th: `ข้อ ${i + 1} ผู้ได้รับอนุญาตต้องรักษาความสะอาดของสถานที่จำหน่ายอาหารตามที่เจ้าพนักงานท้องถิ่นกำหนดโดยเคร่งครัด`,
    })),
    validFrom: "2026-12-07",
    validUntil: "2027-12-06",
    signer: { name: "นายทดสอบ ระบบดี", position: "นายกองค์การบริหารส่วนตำบลทดลอง" },
    verifyUrl: "https://eservice.example.go.th/licences/12-2569?c=7KQ2M9XR4TBW",
    verificationCode: "7KQ2M9XR4TBW",
    issuedAt: new Date("2026-12-07T03:00:00Z"),
    demoSigner: false,
    ...more,
  };
}

describe("licence PDFs drawn in the thread pool", () => {
  const pool = createThreadPool(1);
  afterAll(() => pool.close());

  it("LC-1: a licence drawn in a thread is the inline document byte for byte (emblem, dates, Thai, two pages)", async () => {
    const emblem = Buffer.from(makePng(120, 120));
    const cases = [
      licenceFacts(3),
      licenceFacts(40, { emblemPng: emblem, edition: 3, demoSigner: true }),
      licenceFacts(0, { paper: true, validUntil: null, emblemPng: emblem }),
    ];
    for (const facts of cases) {
      const pooled = await licencePdfOn(pool, facts);
      const inline = await licencePdf(facts);
      expect(Buffer.isBuffer(pooled)).toBe(true);
      expect(pooled.equals(inline)).toBe(true);
    }
    // The caller's emblem is copied to the thread, not moved: it is still whole here.
    expect(emblem.byteLength).toBeGreaterThan(0);
  }, 60_000);

  it("LC-1: with no pool the licence is drawn inline, the same bytes", async () => {
    const facts = licenceFacts(2);
    expect((await licencePdfOn(undefined, facts)).equals(await licencePdf(facts))).toBe(true);
  });

  it("the event loop keeps ticking while 8 long licences are drawn in the pool", async () => {
    const facts = licenceFacts(60);
    // Fonts loaded on both sides first (the thread's start is not what is measured); one inline drawing
    // is the stall each licence would cause on this thread.
    await licencePdfOn(pool, facts);
    await licencePdf(facts);
    const inlineStarted = performance.now();
    await licencePdf(facts);
    const inlineMs = performance.now() - inlineStarted;
    const {
      result: pdfs,
      took,
      worstLag,
      medianLag,
    } = await loopLagDuring(() => Promise.all(Array.from({ length: 8 }, () => licencePdfOn(pool, facts))));
    expect(pdfs.every((pdf) => pdf.subarray(0, 5).toString() === "%PDF-")).toBe(true);
    // Inline, the drawings would stall the loop for all their time: the typical tick would lag a whole
    // drawing, and the worst the batch. In the pool the loop stays free; a busy machine's odd stall is
    // allowed for (the median is compared with one drawing, the worst only with the batch).
    console.log(
      `8 licences: ${took.toFixed(0)} ms; one inline ${inlineMs.toFixed(0)} ms; median lag ${medianLag.toFixed(1)} ms, worst ${worstLag.toFixed(1)} ms`,
    );
    expect(medianLag).toBeLessThan(inlineMs / 4);
    expect(worstLag).toBeLessThan(took / 2);
  }, 60_000);
});
