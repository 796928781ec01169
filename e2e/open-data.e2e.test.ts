import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { type LocalCkan, startLocalCkan } from "../test/ckan-server.js";
import { signedInOfficer, stepUp } from "../test/office.js";
import { startTestService } from "../test/service.js";
import {
  ARTIFACTS,
  blockingAxeViolations,
  HAVE_CHROMIUM,
  IN_CI,
  PHONE_WIDTH,
  usePhoneBrowser,
} from "./phone-browser.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const TOKEN = "e2e-ckan-token-abcd";

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the open-data settings page in a real browser on a phone", () => {
  let ckan: LocalCkan | undefined;
  const phone = usePhoneBrowser({
    start: async () => {
      ckan = await startLocalCkan({ token: TOKEN, orgs: ["demo-org"] });
      return startTestService("sqlite", { clock });
    },
  });
  afterAll(async () => {
    await ckan?.stop();
  });

  it("PR-4, OD-1: an admin sets the catalogue and pushes; the page is accessible and fits a phone", async () => {
    const { client } = await signedInOfficer(
      phone.service.app,
      phone.service.handle,
      clock,
      "demo",
      "od.e2e@demo.go.th",
      ["admin"],
    );
    await stepUp(client, clock);
    const office = await phone.browser.newContext({ viewport: { width: PHONE_WIDTH, height: 844 } });
    await office.addCookies(
      [...client.cookies].map(([name, value]) => ({ name, value, url: phone.baseUrl })),
    );
    const page = await office.newPage();
    const fits = async (name: string) => {
      const axe = await blockingAxeViolations(page);
      expect(axe.blocking, `axe on ${name}: ${axe.report}`).toEqual([]);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
        PHONE_WIDTH,
      );
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    };
    await page.goto(`${phone.baseUrl}/office/open-data`);
    expect(await page.locator("h1").textContent()).toBe("ข้อมูลเปิด");
    await expect(page.locator('[data-push="never"]').isVisible()).resolves.toBe(true);
    await fits("open-data-th-phone");
    await page.locator("#ckanUrl").fill(ckan!.url);
    await page.locator("#ckanOwnerOrg").fill("demo-org");
    await page.locator("#ckanDataset").fill("demo-licences");
    await page.locator("#ckanToken").fill(TOKEN);
    await page.locator("#enabled").check();
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/ckan"] button').click()]);
    await expect(page.locator('[data-ckan="enabled"]').isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/push"] button').click()]);
    await expect(page.locator('[data-push="pushed"]').isVisible()).resolves.toBe(true);
    expect(ckan!.packages.size).toBe(1);
    await fits("open-data-pushed-th-phone");
  });
});
