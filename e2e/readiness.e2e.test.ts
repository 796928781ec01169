import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { type OfficeClient, signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-15T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(
  "the readiness self-assessment in a real browser on a phone",
  () => {
    let supervisor: OfficeClient;
    const phone = usePhoneBrowser({
      start: async () => {
        const service = await startTestService("sqlite", { clock });
        supervisor = (
          await signedInOfficer(service.app, service.handle, clock, "demo", "sup.e2e@demo.go.th", [
            "supervisor",
          ])
        ).client;
        return service;
      },
    });

    it("RD-1, RD-2: the survey is answered and saved on a phone, the saved assessment and history pass axe-core", async () => {
      const { context, baseUrl } = phone;
      await context.addCookies(
        [...supervisor.cookies].map(([name, value]) => ({ name, value, url: baseUrl })),
      );
      const page = await context.newPage();
      await page.goto(`${baseUrl}/office/readiness`);
      expect(await page.locator("h1").textContent()).toBe("การประเมินความพร้อมของหน่วยงาน");
      await expectUsableOnPhone(page, "readiness");
      for (const item of ["email", "social", "website", "application", "platform", "webboard"])
        await page.locator(`#item-${item} input[value="in_progress"]`).check();
      await page.locator("#item-email input[value=have]").check();
      await page.fill("#note-email", "อีเมลกลาง saraban@demo.go.th");
      await page.getByRole("button", { name: "บันทึกผลการประเมิน" }).click();
      await page.waitForURL(/\/office\/readiness\/[0-9a-f-]{36}$/);
      expect(await page.locator("#item-email .answer").textContent()).toContain(
        "อีเมลกลาง saraban@demo.go.th",
      );
      await expectUsableOnPhone(page, "readiness-saved");
      await page.goto(`${baseUrl}/office/readiness/history`);
      expect(await page.locator("#readiness-history tbody tr").count()).toBe(1);
      await expectUsableOnPhone(page, "readiness-history");
    }, 120_000);
  },
);
