import path from "node:path";
import { describe, expect, it } from "vitest";
import { systemClock } from "../src/platform/clock.js";
import { createStaff } from "../src/staff/index.js";
import {
  ARTIFACTS,
  blockingAxeViolations,
  expectUsableOnPhone,
  HAVE_CHROMIUM,
  IN_CI,
  PHONE_WIDTH,
  usePhoneBrowser,
} from "./phone-browser.js";

const ADMIN = { email: "catalog.phone@demo.go.th", displayName: "ผู้ดูแลบริการ" };

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the catalogue in a real browser on a phone", () => {
  const phone = usePhoneBrowser();

  it("IF-2, CM-1, WS-1: the home page, each demo service's manual and a missing service are accessible on a phone", async () => {
    const { context, baseUrl } = phone;
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    expect(await page.locator("h1").textContent()).toContain("บริการของ");
    const links = await page
      .locator("ul.services a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(expect.arrayContaining(["/services/food-shop-licence", "/requests"]));
    const { blocking, report } = await blockingAxeViolations(page);
    expect(blocking, `axe on the catalogue: ${report}`).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "catalog-th-phone.png"), fullPage: true });
    for (const code of ["social-security-s39", "food-shop-licence", "elderly-allowance"]) {
      await page.goto(`${baseUrl}/services/${code}`);
      const axe = await blockingAxeViolations(page);
      expect(axe.blocking, `axe on ${code}: ${axe.report}`).toEqual([]);
      const width = await page.evaluate<number>("document.documentElement.scrollWidth");
      expect(width, `${code} scrolls sideways`).toBeLessThanOrEqual(PHONE_WIDTH);
      await page.screenshot({ path: path.join(ARTIFACTS, `service-${code}-th-phone.png`), fullPage: true });
    }
    // Printed, the manual keeps its text and drops the controls.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("form.apply").isVisible()).toBe(false);
    expect(await page.locator("h1").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    const missing = await page.goto(`${baseUrl}/services/no-such-service?lang=en`);
    expect(missing?.status()).toBe(404);
    const axe = await blockingAxeViolations(page);
    expect(axe.blocking, `axe on the 404 page: ${axe.report}`).toEqual([]);
  });

  it("WS-1: an admin's catalogue pages (list, service, draft, version) are accessible on a phone", async () => {
    const { service, context, baseUrl } = phone;
    const { temporaryPassword } = await createStaff(
      service.handle,
      "demo",
      { ...ADMIN, roles: ["admin"] },
      { clock: systemClock, actor: "test" },
    );
    const page = await context.newPage();
    await page.goto(`${baseUrl}/office/services`);
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
    for (const [url, name] of [
      ["/office/services", "services"],
      ["/office/services/food-shop-licence", "service"],
      ["/office/services/food-shop-licence/edit", "service-draft"],
      ["/office/services/food-shop-licence/versions/1", "service-version"],
    ] as const) {
      await page.goto(`${baseUrl}${url}`);
      await expectUsableOnPhone(page, name);
    }
    // Publishing from the page: the draft saved from the main fields becomes version 2.
    await page.goto(`${baseUrl}/office/services/food-shop-licence/edit`);
    await page.fill("#nameTh", "ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร (ทดสอบ)");
    await page.click("form[action$='/draft'] button[type=submit]");
    await expect.poll(() => page.locator("main [role=status]").count()).toBe(1);
    await page.goto(`${baseUrl}/office/services/food-shop-licence`);
    await page.click("form[action$='/publish'] button");
    await expect.poll(() => page.locator("main [role=status]").textContent()).toMatch(/ฉบับที่ 2|Version 2/);
    await page.goto(`${baseUrl}/services/food-shop-licence?lang=th`);
    expect(await page.locator("h1").textContent()).toContain("(ทดสอบ)");
  });
});
