import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { type OfficeClient, signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-15T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(
  "the record of processing and the breach register on a phone",
  () => {
    let admin: OfficeClient;
    let breachPath = "";
    const phone = usePhoneBrowser({
      start: async () => {
        const service = await startTestService("sqlite", { clock });
        await publishTestService(service);
        admin = (
          await signedInOfficer(service.app, service.handle, clock, "demo", "e2e.dpo@demo.go.th", ["admin"])
        ).client;
        await admin.get("/office/privacy/breaches");
        const res = await admin.post("/office/privacy/breaches", {
          occurredAt: "2026-12-12T08:00",
          awareAt: "2026-12-12T09:00",
          description: "แฟ้มคำขอถูกส่งไปผิดอีเมล",
          dataClasses: ["identity", "applications"],
          peopleEstimate: "12",
          risk: "high",
          measures: "ขอให้ผู้รับลบแล้ว",
        });
        breachPath = String(res.headers.location);
        return service;
      },
    });

    it("PD-2, PD-5, WS-1: the record, the breach list (overdue flagged) and a breach page pass axe on a phone", async () => {
      const { context, baseUrl } = phone;
      await context.addCookies([...admin.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
      const page = await context.newPage();
      await page.goto(`${baseUrl}/office/privacy/processing`);
      expect(await page.locator("h1").textContent()).toContain("บันทึกรายการกิจกรรมการประมวลผล");
      expect(await page.locator("body").textContent()).toContain("ชื่อร้าน");
      await expectUsableOnPhone(page, "processing-record");

      await page.goto(`${baseUrl}/office/privacy/breaches`);
      expect(await page.locator("tr.overdue").count()).toBe(1);
      await expectUsableOnPhone(page, "breaches");

      await page.goto(`${baseUrl}${breachPath}`);
      expect(await page.locator("#status").textContent()).toBe("บันทึกแล้ว");
      await expectUsableOnPhone(page, "breach");
    }, 150_000);
  },
);
