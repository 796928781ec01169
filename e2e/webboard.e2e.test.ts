import { describe, expect, it } from "vitest";
import { CITIZEN_COOKIE } from "../src/identity/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { signedInCitizen } from "../test/citizen.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the webboard in a real browser on a phone", () => {
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      await publishTestService(service);
      return service;
    },
  });

  it("WB-2: the list, the new-topic form of a signed-in citizen and a topic page are accessible on a phone", async () => {
    const { context, baseUrl, service } = phone;
    const citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "e2e@example.th",
    });
    const token = citizen.client.cookies.get(CITIZEN_COOKIE)!;
    await context.addCookies([{ name: CITIZEN_COOKIE, value: token, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/webboard`);
    expect(await page.locator("h1").textContent()).toBe("กระดานสนทนา");
    await expectUsableOnPhone(page, "webboard-list");
    await page.getByRole("link", { name: "ตั้งกระทู้ใหม่" }).click();
    await page.getByLabel("เกี่ยวกับงานบริการ").selectOption({ index: 1 });
    await page.getByLabel("หัวข้อ").fill("ขอสอบถามเอกสาร <b>ที่ต้องใช้</b>");
    await page.getByLabel("คำถาม").fill("ต้องใช้สำเนาบัตรประชาชนหรือไม่");
    await expectUsableOnPhone(page, "webboard-new-topic");
    await page.getByRole("button", { name: "ส่ง" }).click();
    await page.locator("h1").waitFor();
    expect(await page.locator("h1").textContent()).toBe("ขอสอบถามเอกสาร <b>ที่ต้องใช้</b>");
    await expectUsableOnPhone(page, "webboard-topic");
  });
});
