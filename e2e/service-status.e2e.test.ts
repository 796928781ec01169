import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, PHONE_WIDTH, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z"); // 10:00 on 7 Dec 2569, Thai time

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the service status banner in a real browser on a phone", () => {
  const phone = usePhoneBrowser({ start: () => startTestService("sqlite", { clock }) });

  it("WS-4: an admin announces a downtime and a disruption; the banners show on public pages, keep AA contrast and fit a phone", async () => {
    const { client } = await signedInOfficer(
      phone.service.app,
      phone.service.handle,
      clock,
      "demo",
      "status.e2e@demo.go.th",
      ["admin"],
    );
    const office = await phone.browser.newContext({ viewport: { width: PHONE_WIDTH, height: 844 } });
    await office.addCookies(
      [...client.cookies].map(([name, value]) => ({ name, value, url: phone.baseUrl })),
    );
    const page = await office.newPage();
    await page.goto(`${phone.baseUrl}/office/service-status`);
    expect(await page.locator("h1").textContent()).toBe("สถานะบริการ");
    await expectUsableOnPhone(page, "service-status-empty");

    // Less than 24 hours ahead: refused with the reason, the form keeps what was typed.
    await page.locator("#kind").selectOption("downtime");
    await page.locator("#textTh").fill("ปิดปรับปรุงระบบฐานข้อมูล");
    await page.locator("#textEn").fill("Database upgrade");
    await page.locator("#startsAt").fill("2026-12-07T22:00");
    await page.locator("#endsAt").fill("2026-12-07T23:00");
    await page.getByRole("button", { name: "บันทึกประกาศ" }).click();
    await expect(page.locator(".errors[role=alert]").textContent()).resolves.toContain("อย่างน้อย 24 ชั่วโมง");
    expect(await page.locator("#textTh").inputValue()).toBe("ปิดปรับปรุงระบบฐานข้อมูล");

    await page.locator("#startsAt").fill("2026-12-08T22:00");
    await page.locator("#endsAt").fill("2026-12-09T02:00");
    await page.getByRole("button", { name: "บันทึกประกาศ" }).click();
    await expect(page.locator(".ok[role=status]").textContent()).resolves.toContain("บันทึกประกาศแล้ว");
    await page.locator("#kind").selectOption("degraded");
    await page.locator("#textTh").fill("ระบบชำระเงินออนไลน์ล่าช้า");
    await page.locator("#textEn").fill("Online payments are slow");
    await page.getByRole("button", { name: "บันทึกประกาศ" }).click();
    expect(await page.locator("tr[data-notice]").count()).toBe(2);
    await expectUsableOnPhone(page, "service-status-list");

    const citizen = await phone.browser.newContext({ viewport: { width: PHONE_WIDTH, height: 844 } });
    const home = await citizen.newPage();
    for (const url of ["/", "/licences", "/verify"]) {
      await home.goto(`${phone.baseUrl}${url}`);
      await expect(
        home.locator('[data-status-banner="notice"][role=status]').textContent(),
      ).resolves.toContain("ประกาศปิดปรับปรุงระบบตามแผน");
      await expect(home.getByRole("alert").textContent()).resolves.toContain("ระบบชำระเงินออนไลน์ล่าช้า");
    }
    await home.goto(`${phone.baseUrl}/`);
    await expectUsableOnPhone(home, "service-status-banner-home");
    await home.goto(`${phone.baseUrl}/?lang=en`);
    await expect(home.getByRole("alert").textContent()).resolves.toContain("Online payments are slow");
    await expectUsableOnPhone(home, "service-status-banner-home-en");
  }, 120_000);
});
