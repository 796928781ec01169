import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../test/service.js";
import { cspViolations, HAVE_CHROMIUM, IN_CI, openPhoneBrowser } from "./phone-browser.js";

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the API explorer in a real browser", () => {
  let service: TestService | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let baseUrl: string;

  beforeAll(async () => {
    service = await startTestService("sqlite");
    ({ browser, context, baseUrl } = await openPhoneBrowser(service));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  }, 30_000);

  it("CH-11, SC-1: /docs renders the API under its Content-Security-Policy, which nothing violates", async () => {
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/docs`);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await expect
      .poll(() => page.locator(".opblock-summary-path").allTextContents())
      .toContain("/api/v1/requests");
    await page.locator(".opblock-summary-path >> nth=0").click();
    await expect.poll(() => page.locator(".opblock-body").count()).toBeGreaterThan(0);
    expect(await cspViolations(page)).toEqual([]);
  });
});
