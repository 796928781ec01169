import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitId, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { CASEWORK_ACTIONS } from "./take-matter-action.js";

/**
 * Seeded, bounded fuzzing of casework's routes (pages, forms, the staff API) by a signed-in unit
 * officer with a valid CSRF token, so that the handlers themselves run: never a 5xx, and every refusal
 * of the API carries a stable code. FUZZ_RUNS scales the number of cases (1 = the CI default).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
  fc.sample(arb, { seed, numRuns: runs(n) });

describe.each(testDialects())("casework under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;
  const ids: string[] = [];
  const problems: string[] = [];
  /** Answers by status: most must come from the handlers, not from the guard (401, 403). */
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    for (let i = 0; i < 2; i++) {
      const { matterId } = await submitTestApplication(service);
      await routeMatter(service, clock, matterId);
      ids.push(matterId);
    }
    ids.push((await submitTestApplication(service)).matterId);
    ids.push(await unitId(service, "permits"));
    officer = (await unitOfficer(service, clock, "fuzz-cw@demo.go.th", ["reviewer", "saraban_officer"]))
      .client;
    ids.push(
      /value="([0-9a-f-]{36})"/.exec((await officer.get(`/office/matters/${ids[0]}`)).body)?.[1] ?? "x",
    );
  }, 120_000);
  afterAll(() => service?.stop());

  const id = () =>
    fc.oneof(
      fc.constantFrom(...ids),
      textValue.map((v) => v.slice(0, 300)),
    );
  /** Mostly the routed matters at versions they reach, so that many actions are taken or refused as stale. */
  const likelyId = () =>
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(ids[0]!, ids[1]!) }, { weight: 1, arbitrary: id() });
  const check = (what: string, res: { statusCode: number; body: string }, api: boolean) => {
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500) problems.push(`${what} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    if (api && res.statusCode >= 400 && !/"code":"[A-Z_]+"/.test(res.body))
      problems.push(`${what} → ${res.statusCode} without a code`);
  };
  const headers = (accept: string) => ({
    accept,
    cookie: officer.cookieHeader,
    "x-csrf-token": officer.csrf,
  });

  it("the queue, the matter page and the API's reads answer fuzzed ids and query strings without a 5xx", {
    timeout: 120_000,
  }, async () => {
    const cases = sample(fc.record({ id: id(), query: fuzzQuery, limit: textValue }), 4201, 60);
    for (const c of cases) {
      const q = `${c.query}&limit=${encodeURIComponent(c.limit.slice(0, 200))}`;
      for (const [url, api] of [
        [`/office/work?${c.query}`, false],
        [`/office/matters/${encodeURIComponent(c.id)}?${c.query}`, false],
        [`/api/v1/office/matters?${q}`, true],
        [`/api/v1/office/matters/${encodeURIComponent(c.id)}`, true],
      ] as const) {
        const res = await service.app.inject({
          url,
          headers: headers(api ? "application/json" : "text/html"),
        });
        check(`GET ${url.slice(0, 160)}`, res, api);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("the matter page's action form answers fuzzed forms with a 4xx, never a 5xx", {
    timeout: 120_000,
  }, async () => {
    const plausible = fc.record({
      action: fc.oneof(fc.constantFrom(...CASEWORK_ACTIONS), textValue),
      version: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }).map(String) },
        { weight: 1, arbitrary: fc.constantFrom("0", "-1", "1e9", "99999999999") },
        { weight: 1, arbitrary: textValue },
      ),
      text: textValue,
      staffId: id(),
      unitId: id(),
    });
    const form = plausible.map((f) => ({
      kind: "form",
      contentType: "application/x-www-form-urlencoded",
      body: Buffer.from(new URLSearchParams({ _csrf: officer.csrf, ...f }).toString()),
    }));
    const cases = sample(
      fc.record({
        id: likelyId(),
        body: fc.oneof(
          { weight: 3, arbitrary: form },
          { weight: 1, arbitrary: fuzzBody([["_csrf", officer.csrf]]) },
        ),
      }),
      4202,
      150,
    );
    for (const c of cases) {
      const url = `/office/matters/${encodeURIComponent(c.id)}/actions`;
      const res = await service.app.inject({
        method: "POST",
        url,
        payload: c.body.body,
        headers: { ...headers("text/html"), "content-type": c.body.contentType },
      });
      check(`POST ${url.slice(0, 120)} ${c.body.kind}`, res, false);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("the API's action answers fuzzed JSON with a 4xx and a stable code, never a 5xx", {
    timeout: 120_000,
  }, async () => {
    const json = fc.record(
      {
        action: fc.oneof(fc.constantFrom(...CASEWORK_ACTIONS), textValue, fc.jsonValue({ maxDepth: 1 })),
        version: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }) },
          {
            weight: 1,
            arbitrary: fc.oneof(fc.integer({ min: -2, max: 0 }), fc.double(), textValue, fc.constant(null)),
          },
        ),
        payload: fc.oneof(
          fc.record({ text: textValue, staffId: id(), unitId: id() }, { requiredKeys: [] }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      },
      { requiredKeys: [] },
    );
    const cases = sample(
      fc.record({
        id: likelyId(),
        body: fc.oneof(
          json.map((j) => ({
            kind: "json",
            contentType: "application/json",
            body: Buffer.from(JSON.stringify(j)),
          })),
          fuzzBody(),
        ),
      }),
      4203,
      150,
    );
    for (const c of cases) {
      const url = `/api/v1/office/matters/${encodeURIComponent(c.id)}/actions`;
      const res = await service.app.inject({
        method: "POST",
        url,
        payload: c.body.body,
        headers: { ...headers("application/json"), "content-type": c.body.contentType },
      });
      check(`POST ${url.slice(0, 120)} ${c.body.kind}`, res, true);
    }
    expect(problems, problems.join("\n")).toEqual([]);
    const guarded = (statuses.get(401) ?? 0) + (statuses.get(403) ?? 0);
    const all = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(guarded / all, JSON.stringify([...statuses])).toBeLessThan(0.2);
    // Some actions were taken, some refused as stale or not allowed now.
    expect(statuses.get(303) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(statuses.get(409) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0);
    // The officer is still signed in and the service still answers.
    expect((await officer.get("/office/work")).statusCode).toBe(200);
  });
});
