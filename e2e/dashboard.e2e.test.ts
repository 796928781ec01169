import { describe, expect, it } from "vitest";
import { fixedClock } from "../src/platform/clock.js";
import { unitId } from "../test/casework.js";
import { seedDashboard } from "../test/dashboards.js";
import { type OfficeClient, signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

const clock = fixedClock("2026-12-15T03:00:00.000Z");

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the supervisors' dashboard in a real browser on a phone", () => {
  let head: OfficeClient;
  const phone = usePhoneBrowser({
    start: async () => {
      const service = await startTestService("sqlite", { clock });
      const version = await publishTestService(service);
      await seedDashboard(service.handle.db, {
        serviceId: version.serviceId,
        serviceVersionId: version.id,
        unitA: await unitId(service, "permits"),
        unitB: await unitId(service, "saraban"),
      });
      head = (
        await signedInOfficer(service.app, service.handle, clock, "demo", "head.e2e@demo.go.th", [
          "head_of_agency",
        ])
      ).client;
      return service;
    },
  });

  it("the charts render as SVG, parse as XML, are named and described, and the page passes axe-core", async () => {
    const { context, baseUrl } = phone;
    await context.addCookies([...head.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/office/dashboard`);
    expect(await page.locator("h1").textContent()).toBe("แดชบอร์ดผลการให้บริการ");
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(6);
    for (let i = 0; i < 6; i++) {
      const chart = charts.nth(i);
      // The accessible name comes from the title, through aria-labelledby.
      const label = await chart.getAttribute("aria-labelledby");
      expect(label?.split(" ")).toHaveLength(2);
      expect(await chart.locator("title").textContent()).toMatch(/^แผนภูมิ: /);
      expect((await chart.boundingBox())?.height ?? 0).toBeGreaterThan(20);
      const markup = await chart.evaluate((svg) => svg.outerHTML);
      const errors = await page.evaluate<number>(
        `new DOMParser().parseFromString(${JSON.stringify(markup)}, "image/svg+xml").getElementsByTagName("parsererror").length`,
      );
      expect(errors).toBe(0);
    }
    await page.selectOption("#period", "last-month");
    await page.getByRole("button", { name: "แสดง" }).click();
    await page.waitForURL(/period=last-month/);
    await expectUsableOnPhone(page, "dashboard");
  });
});
