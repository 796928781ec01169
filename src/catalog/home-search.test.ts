import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { publishSearchCatalogue } from "../../test/search-catalogue.js";
import { startTestService, type TestService } from "../../test/service.js";

describe.each(testDialects())("IF-2: searching from the home page (%s)", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
    await publishSearchCatalogue(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const page = (url: string) => service.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
  const linked = (body: string, prefix: string) =>
    [...body.matchAll(new RegExp(`href="${prefix}/services/([a-z0-9-]+)"`, "g"))].map((m) => m[1]);

  it('IF-2: "?q=ร้านอาหาร" lists "แจ้งเปิดร้านขายอาหาร" first, and the food shop permit too', async () => {
    const res = await page(`/a/demo/?q=${encodeURIComponent("ร้านอาหาร")}`);
    expect(res.statusCode).toBe(200);
    const codes = linked(res.body, "/a/demo");
    expect(codes[0]).toBe("food-stall");
    expect(codes).toContain("food-shop");
    expect(codes).not.toContain("water");
  });

  it('IF-2: "?q=ใบอนุญาต ร้านอาหาร" lists "ขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร" first', async () => {
    const codes = linked((await page(`/?q=${encodeURIComponent("ใบอนุญาต ร้านอาหาร")}`)).body, "");
    expect(codes[0]).toBe("food-shop");
  });

  it("a query nothing matches lists nothing; a repeated or hostile query is never a 500", async () => {
    expect(linked((await page("/?q=xyzzy")).body, "")).toEqual([]);
    for (const q of ["q=a&q=b", `q=${"ก".repeat(5000)}`, "q=%3Cscript%3E", "q=%E0%B8"]) {
      const res = await page(`/?${q}`);
      expect(res.statusCode, q).toBeLessThan(500);
      expect(res.body).not.toContain("<script>");
    }
  });
});

describe.each(testDialects())("IF-2: the demo services found in Thai (%s)", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  it.each([
    ["ใบอนุญาต ร้านอาหาร", "food-shop-licence"],
    ["ร้านอาหาร", "food-shop-licence"],
    ["เบี้ยยังชีพ คนชรา", "elderly-allowance"],
    ["ประกันสังคม มาตรา 39", "social-security-s39"],
    ["elderly allowance", "elderly-allowance"],
  ])("IF-2: %s finds the seeded %s first", async (query, code) => {
    const res = await service.app.inject({ method: "GET", url: `/?q=${encodeURIComponent(query)}` });
    expect([...res.body.matchAll(/href="\/services\/([a-z0-9-]+)"/g)].map((m) => m[1])[0]).toBe(code);
  });
});
