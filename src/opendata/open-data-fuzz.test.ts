import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

/**
 * Seeded, bounded fuzzing of the open-data settings routes: random bodies (with a valid CSRF token,
 * stepped up, so the handlers run): never a 5xx, and a refused body writes nothing (no settings change,
 * no audit row, no push).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("the open-data settings routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "od.fuzz@demo.go.th", ["admin"])
    ).client;
    await stepUp(admin, clock);
    await admin.get("/office/open-data");
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  /** What a refused request must leave as it was. */
  const state = async () => {
    const db = service.handle.db;
    const [settings, audits, pushes] = await Promise.all([
      db.selectFrom("open_data_settings").selectAll().execute(),
      db.selectFrom("audit_events").select("id").where("action", "like", "opendata.%").execute(),
      db.selectFrom("open_data_pushes").select("id").execute(),
    ]);
    return JSON.stringify({ settings, audits: audits.length, pushes: pushes.length });
  };

  it("PR-4, OD-1: random queries to the page are 200 or 4xx, never 5xx", async () => {
    for (const query of fc.sample(fuzzQuery, { seed: 1661, numRuns: runs(40) })) {
      const res = await admin.get(`/office/open-data?${query}`);
      expect(res.statusCode, query).toBeLessThan(500);
    }
  });

  it("PR-4, OD-1: random bodies to the settings and the push are refused with a 4xx or done, never 5xx; refused ones write nothing", async () => {
    const route = fc.constantFrom("licence", "ckan", "push", "x");
    const cases = fc.sample(
      fc
        .tuple(route, textValue, textValue, textValue, fc.boolean())
        .chain(([r, a, b, c, on]) =>
          fuzzBody([
            ["_csrf", admin.csrf],
            [r === "licence" ? "licenseId" : "ckanOwnerOrg", a.slice(0, 200)],
            [r === "licence" ? "licenseTitle" : "ckanDataset", b.slice(0, 400)],
            [
              r === "licence" ? "licenseUrl" : "ckanUrl",
              on ? "https://catalog.example.go.th" : c.slice(0, 400),
            ],
            ...(on ? ([["enabled", "on"]] as [string, string][]) : []),
          ]).map((body) => [r, body] as const),
        ),
      { seed: 1662, numRuns: runs(150) },
    );
    for (const [r, body] of cases) {
      const before = await state();
      const res = await service.app.inject({
        method: "POST",
        url: `/office/open-data/${r}`,
        payload: body.body,
        headers: { "content-type": body.contentType, cookie: admin.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, `${r} ${body.kind}`).toBeLessThan(500);
      expect([200, 400, 403, 404, 409, 413, 415, 422]).toContain(res.statusCode);
      if (res.statusCode >= 400) expect(await state(), `${r} ${body.kind}`).toBe(before);
    }
  });
});
