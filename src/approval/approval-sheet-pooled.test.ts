import { afterAll, describe, expect, it } from "vitest";
import { createThreadPool } from "../platform/threads/index.js";
import type { ApprovalSheetFacts } from "./approval-sheet-drawing.js";
import { drawApprovalSheet } from "./approval-sheet-drawing.js";
import { countPdfPages, drawApprovalSheetOn } from "./approval-sheet-pdf.js";

/** A matter's sheet facts, as approvalSheetFacts reads them from the database. */
const sheetFacts = (levels: number, clockStart: Date | null): ApprovalSheetFacts => ({
  receiptNumber: "รับ 12/2570",
  version: 7,
  updatedAt: new Date("2026-12-07T04:00:00Z"),
  clockStart,
  agencyNameTh: "องค์การบริหารส่วนตำบลทดลอง",
  timeZone: "Asia/Bangkok",
  applicantName: "นางศรีนวล ทำดี",
  serviceName: "ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร",
  checks: ["สำเนาบัตรประชาชน — ถูกต้อง", "แผนที่ตั้งร้าน — ครบถ้วน"],
  levels: Array.from({ length: levels }, (_, i) => `ผู้อนุมัติลำดับ ${i + 1}`),
});

describe("approval sheets drawn in the thread pool", () => {
  const pool = createThreadPool(1);
  afterAll(() => pool.close());

  it("AP-1, RG-6: a sheet drawn in a thread is the inline sheet byte for byte, so its page count checks the scan alike", async () => {
    for (const facts of [sheetFacts(1, new Date("2026-12-07T03:00:00Z")), sheetFacts(5, null)]) {
      const pooled = await drawApprovalSheetOn(pool, facts);
      const inline = await drawApprovalSheet(facts);
      expect(Buffer.isBuffer(pooled)).toBe(true);
      expect(pooled.equals(inline)).toBe(true);
      expect(await countPdfPages(pooled)).toBe(await countPdfPages(inline));
    }
    // Five levels run to a second page: the comparison covers a page break.
    expect(await countPdfPages(await drawApprovalSheetOn(pool, sheetFacts(5, null)))).toBeGreaterThan(1);
  }, 60_000);
});
