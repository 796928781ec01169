import { describe, expect, it } from "vitest";
import { cspViolations, HAVE_CHROMIUM, IN_CI, usePhoneBrowser } from "./phone-browser.js";

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)("the API explorer in a real browser", () => {
  const phone = usePhoneBrowser();

  it("CH-11, SC-1: /docs renders the API under its Content-Security-Policy, which nothing violates", async () => {
    const { context, baseUrl } = phone;
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
