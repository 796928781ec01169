import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { signedInCitizen, type TestCitizen } from "../test/citizen.js";
import { type OfficeClient, signedInChief } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-11-23T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("data-subject requests on a phone", () => {
  let citizen: TestCitizen;
  let chief: OfficeClient;
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
        agencyId: "demo",
        at: clock.now(),
        email: "e2e.subject@example.com",
        provider: "thaid",
        ial: "2.3",
      });
      const filed = await citizen.client.post("/account/privacy-requests", {
        kind: "access",
        details: "ขอสำเนาข้อมูลของฉันทั้งหมด",
      });
      if (filed.statusCode !== 303) throw new Error(`request not filed: ${filed.statusCode}`);
      chief = await signedInChief(service, clock);
      return service;
    },
  });

  it("PD-3, WS-1: the citizen's form and list and the office list pass axe on a phone", async () => {
    const { context, baseUrl } = phone;
    const cookiesOf = (client: OfficeClient) =>
      [...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl }));
    await context.addCookies(cookiesOf(citizen.client));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account/privacy-requests/new`);
    expect(await page.locator("h1").textContent()).toContain("ยื่นคำขอใช้สิทธิเกี่ยวกับข้อมูลส่วนบุคคล");
    expect(await page.locator('form input[name="_csrf"]').count()).toBeGreaterThan(0);
    await expectUsableOnPhone(page, "subject-request-form");

    await page.goto(`${baseUrl}/account/privacy-requests`);
    expect(await page.locator("h1").textContent()).toContain("คำขอใช้สิทธิของเจ้าของข้อมูลส่วนบุคคล");
    expect(await page.locator("body").textContent()).toContain("ขอเข้าถึงและขอรับสำเนาข้อมูล");
    await expectUsableOnPhone(page, "subject-requests");

    await context.clearCookies();
    await context.addCookies(cookiesOf(chief));
    await page.goto(`${baseUrl}/office/privacy/requests`);
    expect(await page.locator("h1").textContent()).toContain("คำขอใช้สิทธิของเจ้าของข้อมูล");
    expect(await page.locator("table tbody tr").count()).toBe(1);
    await expectUsableOnPhone(page, "office-subject-requests");
  }, 150_000);
});
