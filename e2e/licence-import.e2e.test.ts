import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { earlierRegister, registerXlsx } from "../test/backfill.js";
import { signedInOfficer, stepUp } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { publishTestService, TEST_SERVICE } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the licence import page in a real browser on a phone", () => {
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      await publishTestService(service);
      return service;
    },
  });

  it("PR-3: upload, map the columns, check and import: every step accessible on a phone", async () => {
    const { service, browser, baseUrl } = phone;
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "sup.e2e@demo.go.th",
      ["supervisor"],
    );
    await stepUp(client, clock);
    const office = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await office.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    const page = await office.newPage();
    await page.goto(`${baseUrl}/office/licences/import`);
    await expectUsableOnPhone(page, "licence-import-upload");
    const { rows, importable } = earlierRegister(TEST_SERVICE.code, 20, 6);
    const buffer = Buffer.from(await registerXlsx(rows));
    await page.setInputFiles("#backfill-file", {
      name: "old.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await Promise.all([
      page.waitForURL(/\/office\/licences\/import\/[0-9a-f-]{36}$/),
      page.click('form[action$="/office/licences/import"] button[type=submit]'),
    ]);
    await expectUsableOnPhone(page, "licence-import-mapping");
    const facts = ["number", "serviceCode", "holder", "issuedOn", "validUntil", "status"];
    for (const [i, fact] of facts.entries()) await page.selectOption(`#col-${fact}`, String(i));
    for (let i = 0; i < 6; i++) await page.uncheck(`#print-${i}`);
    await page.fill("#en-6", "Shop name");
    await Promise.all([page.waitForURL(/\/check$/), page.click('form[action$="/check"] button')]);
    await expectUsableOnPhone(page, "licence-import-checked");
    await Promise.all([page.waitForURL(/\/import$/), page.click('form[action$="/import"] button')]);
    await expect(page.getByTestId("backfill-result").getAttribute("data-imported")).resolves.toBe(
      String(importable),
    );
    await expectUsableOnPhone(page, "licence-import-done");
    await office.close();
  }, 150_000);
});
