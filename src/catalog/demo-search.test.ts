import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";

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
  ])("IF-2: %s finds the seeded %s first on the search page", async (query, code) => {
    const res = await service.app.inject({ method: "GET", url: `/services?q=${encodeURIComponent(query)}` });
    expect([...res.body.matchAll(/href="\/services\/([a-z0-9-]+)"/g)].map((m) => m[1])[0]).toBe(code);
  });
});
