import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { issuedLicence } from "../test/licensing.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import {
  ARTIFACTS,
  blockingAxeViolations,
  HAVE_CHROMIUM,
  IN_CI,
  PHONE_WIDTH,
  usePhoneBrowser,
} from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(
  "the public register of licences in a real browser on a phone",
  () => {
    let number = "";
    const phone = usePhoneBrowser({
      start: async () => {
        const service = await startTestService("sqlite", { clock });
        await publishTestService(service);
        number = (await issuedLicence(service, clock)).licence.number;
        return service;
      },
    });

    it("PR-1, LC-3: the register, a search, a licence and the display mode are accessible on a phone", async () => {
      const { context, baseUrl } = phone;
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.getByRole("link", { name: /ทะเบียนใบอนุญาต/ }).click();
      expect(await page.locator("h1").textContent()).toBe("ทะเบียนใบอนุญาต");
      await page.getByLabel(/ค้นหา:/).fill("ข้าวแกง");
      await page.getByRole("button", { name: "ค้นหา" }).click();
      await page.getByRole("link", { name: number }).waitFor();
      const list = await blockingAxeViolations(page);
      expect(list.blocking, `axe on the register: ${list.report}`).toEqual([]);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
        PHONE_WIDTH,
      );
      await page.screenshot({ path: path.join(ARTIFACTS, "licence-register-th-phone.png"), fullPage: true });
      await page.getByRole("link", { name: number }).click();
      expect(await page.locator(".number").textContent()).toContain(number);
      const detail = await blockingAxeViolations(page);
      expect(detail.blocking, `axe on a licence: ${detail.report}`).toEqual([]);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
        PHONE_WIDTH,
      );
      await page.goto(`${baseUrl}/licences/display?seconds=120`);
      expect(await page.locator("figure img").isVisible()).toBe(true);
      // The display mode is for an unattended screen at the premises: moving on by itself is its purpose
      // (s.13), so axe's meta-refresh rule (WCAG 2.2.1) is the one rule left out there; people reading
      // at their own pace use the register's pages above, which refresh nothing.
      const display = await blockingAxeViolations(page);
      const others = display.blocking.filter((v) => v.id !== "meta-refresh");
      expect(others, `axe on the display mode: ${display.report}`).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, "licence-display-th-phone.png"), fullPage: true });
    }, 120_000);
  },
);
