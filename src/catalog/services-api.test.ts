import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { textValue } from "../../test/fuzz-inputs.js";
import { SEARCH_CATALOGUE } from "../../test/search-catalogue.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, retireSeededServices, TEST_SERVICE } from "../../test/service-fixture.js";

const SCALE = Number(process.env.FUZZ_RUNS ?? "1");

describe.each(testDialects())("the services API (%s)", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
    await retireSeededServices(service);
    await publishTestService(service);
    for (const definition of SEARCH_CATALOGUE.slice(0, 4)) await publishTestService(service, definition);
    await publishTestService(service, { ...TEST_SERVICE, code: "gone" });
    await service.handle.db
      .updateTable("services")
      .set({ state: "retired" })
      .where("code", "=", "gone")
      .execute();
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const get = (url: string, headers: Record<string, string> = {}) =>
    service.app.inject({ method: "GET", url, headers });

  it("IF-2: lists the published services, or those a Thai query finds, best first", async () => {
    const all = (await get("/api/v1/services")).json();
    expect(all.services.map((s: { code: string }) => s.code).sort()).toEqual(
      ["shop-permit", ...SEARCH_CATALOGUE.slice(0, 4).map((d) => d.code)].sort(),
    );
    const found = await get(`/a/demo/api/v1/services?q=${encodeURIComponent("ใบอนุญาต ร้านอาหาร")}&limit=2`);
    expect(found.statusCode).toBe(200);
    const [first] = found.json().services;
    expect(first).toMatchObject({
      code: "food-shop",
      version: 1,
      name: { th: "ขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร" },
    });
    expect(first.url).toMatch(/\/a\/demo\/services\/food-shop$/);
    expect(found.json().services.length).toBeLessThanOrEqual(2);
  });

  it("CM-1: a service's published version with its manual, documents, fees and form", async () => {
    const res = await get(`/api/v1/services/${TEST_SERVICE.code}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code: TEST_SERVICE.code,
      version: 1,
      noFee: false,
      fees: [{ amount: 100, unit: "baht" }],
      timeLimit: { amount: 5, dayKind: "business" },
      form: { schema: { type: "object" } },
    });
    expect(body.documents.map((d: { id: string }) => d.id)).toEqual(["id-card", "delegation"]);
    expect(body.form.ui.fields.branchName.showIf).toEqual({ field: "hasBranch", in: ["yes"] });
    expect(body.links.manualPdf).toMatch(/\/services\/shop-permit\/manual\.pdf$/);
    expect(Date.parse(body.publishedAt)).not.toBeNaN();
  });

  it("is in the OpenAPI document", async () => {
    const paths = Object.keys((await get("/docs/json")).json().paths);
    expect(paths).toEqual(expect.arrayContaining(["/api/v1/services", "/api/v1/services/{code}"]));
  });

  it("an unknown or retired service is 404 SERVICE_NOT_FOUND; a bad limit is 400", async () => {
    for (const code of ["gone", "no-such", "UPPER", "a%2Fb"]) {
      const res = await get(`/api/v1/services/${code}`);
      expect(res.statusCode, code).toBe(404);
      expect(res.json().error.code).toBe("SERVICE_NOT_FOUND");
    }
    expect((await get("/api/v1/services?limit=0")).statusCode).toBe(400);
    expect((await get("/api/v1/services?q=gone")).json().services).toEqual([]);
  });

  it("fuzzed queries, limits and codes get 2xx or 4xx, never 5xx", { timeout: 120_000 }, async () => {
    const cases = fc.sample(
      fc.record({
        q: textValue,
        limit: fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), textValue),
        code: textValue,
        lang: fc.constantFrom("th", "en", "", "x".repeat(3000)),
      }),
      { seed: 1107, numRuns: Math.max(1, Math.round(150 * SCALE)) },
    );
    const bad: string[] = [];
    for (const c of cases) {
      const headers = { "accept-language": c.lang };
      const urls = [
        `/api/v1/services?q=${encodeURIComponent(c.q.slice(0, 3000))}`,
        `/api/v1/services?q=${encodeURIComponent(c.q.slice(0, 100))}&limit=${encodeURIComponent(c.limit)}`,
        `/a/demo/api/v1/services/${encodeURIComponent(c.code.slice(0, 500))}`,
        `/services/${encodeURIComponent(c.code.slice(0, 100))}/manual.pdf`,
      ];
      for (const url of urls) {
        const res = await get(url, headers);
        if (res.statusCode >= 500) bad.push(`${url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(bad, bad.join("\n")).toEqual([]);
    expect((await get("/api/v1/services")).statusCode).toBe(200);
  });
});
