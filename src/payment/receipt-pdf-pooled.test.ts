import { afterAll, describe, expect, it } from "vitest";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { createThreadPool } from "../platform/threads/index.js";
import { type ReceiptDocumentFacts, receiptPdf } from "./receipt-pdf.js";
import { receiptPdfOn } from "./receipt-pdf-pooled.js";

const paidAt = new Date("2026-12-07T03:15:00Z");

/** A paid e-receipt's facts, as issue-e-receipts.ts reads them (Dates included: they cross as Dates). */
function receiptFacts(lines: number): ReceiptDocumentFacts {
  return {
    receipt: {
      id: "r-1",
      agencyId: "demo",
      matterId: "m-1",
      noticeId: "n-1",
      paymentId: "p-1",
      fiscalYear: 2570,
      sequence: 1,
      receiptNumber: "2570-000001",
      amountSatang: 150_050 * lines,
      status: "pending_signature",
      issuedAt: new Date("2026-12-07T03:20:00Z"),
      signedAt: null,
      pdfKey: null,
      xmlKey: null,
      voidedAt: null,
      voidReason: null,
      bankPayerName: null,
      notice: {
        kind: "licence_fee",
        ref1: "100200300400",
        ref2: null,
        lines: Array.from({ length: lines }, (_, i) => ({
          detail: { th: `ค่าธรรมเนียมใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร รายการที่ ${i + 1}` },
          amountSatang: 150_050,
          basis: "พื้นที่ 201–500 ตารางเมตร",
        })),
        payTo: null,
      },
      payment: { source: "callback", bankReference: "BANK-100200300400", paidAt },
      matterReceiptNumber: "รับ 12/2570",
    },
    agency: {
      nameTh: "องค์การบริหารส่วนตำบลทดลอง",
      postalAddress: "ถนนพหลโยธิน ลาดยาว",
      timeZone: "Asia/Bangkok",
    },
    payerName: "นางศรีนวล ทำดี",
    verifyAt: "https://eservice.example.go.th/a/demo",
    demoSigner: true,
  };
}

describe("e-receipt PDFs drawn in the thread pool", () => {
  const pool = createThreadPool(1);
  afterAll(() => pool.close());

  it("PY-5: an e-receipt drawn in a thread is the inline document byte for byte (one page and several)", async () => {
    for (const facts of [receiptFacts(1), receiptFacts(40)]) {
      const pooled = await receiptPdfOn(pool, facts);
      expect(Buffer.isBuffer(pooled)).toBe(true);
      expect(pooled.equals(await receiptPdf(facts))).toBe(true);
    }
  }, 60_000);

  it.skipIf(!HAVE_PDFTOTEXT)(
    "PY-5: the receipt drawn in a thread prints its date received in the agency's zone (the Date crossed whole)",
    async () => {
      const text = normaliseThai(pdfText(await receiptPdfOn(pool, receiptFacts(1))));
      // 03:15 UTC is 10:15 in Bangkok, in the Buddhist-era year 2569.
      expect(text).toContain(normaliseThai("7 ธันวาคม 2569"));
      expect(text).toContain("10:15");
      expect(text).toContain("2570-000001");
    },
  );
});
