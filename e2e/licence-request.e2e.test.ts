import { describe, expect, it } from "vitest";
import { findEntryByNumber } from "../src/register/index.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the request for licence data in a real browser on a phone", () => {
  const phone = usePhoneBrowser();

  it("LC-4, TR-1: a citizen asks for a licence's data on a phone without JavaScript help and gets a receipt number to track", async () => {
    const { context, baseUrl, service } = phone;
    const page = await context.newPage();
    await page.goto(`${baseUrl}/licences/request`);
    expect(await page.locator("[data-register=published] a").getAttribute("href")).toBe("/licences");
    await expectUsableOnPhone(page, "licence-request-form");
    await page.fill("#name", "นางสาวสมศรี ขอข้อมูล");
    await page.fill("#phone", "081-234-5678");
    await page.fill("#licence", "ร้านอาหารใจดี");
    await page.fill("#need", "ขอทราบว่าใบอนุญาตยังใช้ได้หรือไม่");
    await page.check("input[name=confirmed]");
    await Promise.all([page.waitForURL(/\/requests\/\d+\/\d+\?t=/), page.click("button[type=submit]")]);
    const [, beYear, sequence] = /\/requests\/(\d+)\/(\d+)/.exec(page.url()) ?? [];
    const entry = await findEntryByNumber(service.handle.db, "demo", Number(beYear), Number(sequence));
    expect(entry?.subject).toBe("ขอข้อมูลใบอนุญาต");
    expect((await page.textContent("main")) ?? "").toContain(entry?.receiptNumber ?? "missing");
    await expectUsableOnPhone(page, "licence-request-receipt");
    await page.close();
  }, 60_000);
});
