import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { SEARCH_CATALOGUE } from "../../test/search-catalogue.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, retireSeededServices } from "../../test/service-fixture.js";

describe.each(testDialects())("IF-2: the search page (%s)", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
    await retireSeededServices(service);
    for (const definition of SEARCH_CATALOGUE) await publishTestService(service, definition);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const page = (url: string) => service.app.inject({ method: "GET", url, headers: { accept: "text/html" } });

  it("IF-2: a Thai query lists the services found, best first, linked to their pages", async () => {
    const res = await page(`/a/demo/services?q=${encodeURIComponent("ร้านอาหาร")}`);
    expect(res.statusCode).toBe(200);
    const links = [...res.body.matchAll(/href="\/a\/demo\/services\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(links[0]).toBe("food-stall");
    expect(links).toContain("food-shop");
    expect(res.body).toContain('value="ร้านอาหาร"');
  });

  it("IF-2: nothing found says so and links to all services; no query lists them all", async () => {
    const none = await page("/services?q=xyzzy");
    expect(none.body).toContain("ไม่พบบริการสำหรับ “xyzzy”");
    const all = await page("/services?lang=en");
    for (const d of SEARCH_CATALOGUE) expect(all.body).toContain(`href="/services/${d.code}"`);
  });

  it("a repeated, huge or hostile query is a page, never a 500", async () => {
    for (const q of ["q=a&q=b", `q=${"ก".repeat(5000)}`, "q=%3Cscript%3E", "q=%E0%B8"]) {
      const res = await page(`/services?${q}`);
      expect(res.statusCode, q).toBeLessThan(500);
      expect(res.body).not.toContain("<script>");
    }
  });
});
