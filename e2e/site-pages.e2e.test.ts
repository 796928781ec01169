import { describe, expect, it } from "vitest";
import { systemClock } from "../src/platform/clock.js";
import { createStaff } from "../src/staff/index.js";
import {
  blockingAxeViolations,
  expectUsableOnPhone,
  HAVE_CHROMIUM,
  IN_CI,
  usePhoneBrowser,
} from "./phone-browser.js";

const ADMIN = { email: "site.phone@demo.go.th", displayName: "ผู้ดูแลเว็บไซต์" };

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(
  "the footer pages and the search page in a real browser on a phone",
  () => {
    const phone = usePhoneBrowser();

    it("WS-2, IF-2, CH-13: the footer's five pages, the announcements and the search results are accessible on a phone", async () => {
      const { context, baseUrl } = phone;
      const page = await context.newPage();
      await page.goto(`${baseUrl}/services?q=${encodeURIComponent("ใบอนุญาต ร้านอาหาร")}`);
      expect(await page.locator("main li a").first().getAttribute("href")).toBe(
        "/services/food-shop-licence",
      );
      await expectUsableOnPhone(page, "search-results");
      const footer = await page
        .locator("footer nav a")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      // WS-2's five pages, CH-13's announcements in force (#12) and the FAQ assistant (#17, IF-4).
      expect(footer).toHaveLength(7);
      expect(footer).toContain("/announcements");
      expect(footer).toContain("/assistant");
      for (const href of footer) {
        await page.goto(`${baseUrl}${href}`);
        const { blocking, report } = await blockingAxeViolations(page);
        expect(blocking, `axe on ${href}: ${report}`).toEqual([]);
      }
    });

    it("WS-2, WS-1: the admin's page to edit them is accessible on a phone", async () => {
      const { service, context, baseUrl } = phone;
      const { temporaryPassword } = await createStaff(
        service.handle,
        "demo",
        { ...ADMIN, roles: ["admin"] },
        { clock: systemClock, actor: "test" },
      );
      const page = await context.newPage();
      await page.goto(`${baseUrl}/office/admin/pages`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/office/login");
      await page.fill("#email", ADMIN.email);
      await page.fill("#password", temporaryPassword);
      await Promise.all([page.waitForURL(/\/office\/account$/), page.click("main button[type=submit]")]);
      await page.fill("#current", temporaryPassword);
      await page.fill("#next", "Correct-Horse-42");
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/office/account/password")),
        page.click("form[action$='/account/password'] button"),
      ]);
      await page.goto(`${baseUrl}/office/admin/pages`);
      await expectUsableOnPhone(page, "site-pages-admin");
      await page.fill("#terms-titleTh", "ข้อตกลงการใช้งาน (ฉบับหน่วยงาน)");
      await page.click("form[action$='/pages/terms'] button[type=submit]");
      await expect.poll(() => page.locator("main [role=status]").count()).toBe(1);
      await page.goto(`${baseUrl}/pages/terms`);
      expect(await page.locator("h1").textContent()).toBe("ข้อตกลงการใช้งาน (ฉบับหน่วยงาน)");
    });
  },
);
