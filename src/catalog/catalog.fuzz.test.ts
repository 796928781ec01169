import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import { fillParams, fuzzBody, fuzzQuery, routesOf, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { loadDemoServices } from "./demo-services.js";
import { calculateFees } from "./fee-calculation.js";
import { findService } from "./index.js";
import type { ServiceDefinition } from "./service-definition.js";

/**
 * Bad input never reaches a 500 on the catalogue's routes: seeded, bounded fuzzing of every public and
 * admin route of the catalogue with real codes and fuzzed ones, signed in as an admin with a valid CSRF
 * token so that the handlers themselves run; and service files mutated at random paths are either
 * stored exactly as sent or refused with a 4xx. FUZZ_RUNS scales the number of cases.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const CODES = ["food-shop-licence", "social-security-s39", "elderly-allowance", "no-such-service"];

/** A demo definition with a few values replaced or removed at random paths. */
const mutatedDefinition = fc
  .tuple(
    fc.constantFrom(...loadDemoServices()),
    fc.array(
      fc.tuple(
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.option(fc.jsonValue({ maxDepth: 2 })),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  )
  .map(([base, mutations]) => {
    const copy: unknown = structuredClone(base);
    for (const [path, value] of mutations) {
      let node = copy as Record<string, unknown>;
      for (const [i, step] of path.entries()) {
        if (typeof node !== "object" || node === null) break;
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        const key = keys[step % keys.length]!;
        if (i === path.length - 1 || typeof node[key] !== "object" || node[key] === null) {
          if (value === null) delete node[key];
          else node[key] = value;
          break;
        }
        node = node[key] as Record<string, unknown>;
      }
    }
    return copy as Record<string, unknown>;
  });

// #14 fees (PY-1): fee shapes of every kind, well and badly formed, over real, wrong and missing fields.
const feeField = fc.constantFrom("areaSqm", "seats", "shopName", "premises", "noSuchField", "");
const feeAmount = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.constant(-1),
);
const feeCalculation = fc.oneof(
  fc.record({ type: fc.constant("fixed"), amount: feeAmount }),
  fc.record({
    type: fc.constant("per-unit"),
    field: feeField,
    rate: feeAmount,
    unit: fc.constant({ th: "ตร.ม." }),
  }),
  fc.record({
    type: fc.constant("tiered"),
    field: feeField,
    tiers: fc.array(fc.record({ upTo: fc.option(feeAmount), amount: feeAmount }), { maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant("formula"),
    expression: fc.oneof(
      fc.constantFrom(
        "areaSqm * 10",
        "max(500, seats * 20)",
        "sqrt(areaSqm)",
        "seats - 100",
        "1 / seats",
        "areaSqm >",
        "shopName * 2",
        'areaSqm + "1"',
        "constructor",
      ),
      fc.string({ maxLength: 40 }),
    ),
  }),
  fc.record({ type: fc.constant("percent"), field: feeField }),
  fc.jsonValue({ maxDepth: 2 }),
);
const validFee = fc
  .constantFrom(
    { type: "fixed", amount: 500 },
    { type: "per-unit", field: "areaSqm", rate: 2.5, unit: { th: "ตร.ม." } },
    {
      type: "tiered",
      field: "seats",
      tiers: [
        { upTo: 20, amount: 100 },
        { upTo: null, amount: 300 },
      ],
    },
    { type: "formula", expression: "max(500, ceil(areaSqm / 100) * 250)" },
  )
  .map((calculation) => ({ detail: { th: "ค่าธรรมเนียม" }, amount: 0, unit: "baht", calculation }));
const feeShapes = fc.array(
  fc.oneof(
    validFee,
    fc.record(
      {
        detail: fc.constant({ th: "ค่าธรรมเนียม" }),
        amount: feeAmount,
        unit: fc.constantFrom("baht", "percent", "dollar"),
        kind: fc.constantFrom("application_fee", "licence_fee", "fine", "other", "tip"),
        calculation: feeCalculation,
        appliesWhen: fc.record({
          field: feeField,
          equals: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()),
        }),
      },
      { requiredKeys: ["detail", "amount", "unit"] },
    ),
  ),
  { minLength: 1, maxLength: 3 },
);

describe.each(testDialects())("the catalogue's routes under malformed input on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  const fiveHundreds: string[] = [];
  const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
    fc.sample(arb, { seed, numRuns: runs(n) });
  const routes = (method: "GET" | "POST") =>
    routesOf(service.app, method).filter((r) => r.includes("services") || r === "/" || r === "/a/:agency/");

  beforeAll(async () => {
    service = await startTestService(dialect);
    await addOtherAgency(service, service.clock);
    admin = await signedInChief(service, service.clock, "fuzz-catalog@demo.go.th");
  }, 60_000);
  afterAll(() => service?.stop());

  it("every catalogue POST route answers fuzzed bodies without a 5xx", { timeout: 180_000 }, async () => {
    const posts = routes("POST").filter((r) => r.includes("/office/"));
    expect(posts.length).toBe(12);
    for (const [i, route] of posts.entries()) {
      const cases = sample(
        fc.record({
          body: fuzzBody([["_csrf", admin.csrf]]),
          code: fc.oneof(fc.constantFrom(...CODES), textValue),
          agency: fc.constantFrom("demo", "other"),
        }),
        3000 + i,
        25,
      );
      for (const c of cases) {
        const url = fillParams(route, (name) => (name === "agency" ? c.agency : c.code.slice(0, 200)));
        const res = await service.app.inject({
          method: "POST",
          url,
          payload: c.body.body,
          headers: {
            "content-type": c.body.contentType,
            accept: "text/html",
            cookie: admin.cookieHeader,
            "x-csrf-token": admin.csrf,
          },
        });
        if (res.statusCode >= 500) fiveHundreds.push(`POST ${url} ${c.body.kind} → ${res.statusCode}`);
      }
    }
    expect(fiveHundreds, fiveHundreds.join("\n")).toEqual([]);
  });

  it("every catalogue GET route answers fuzzed codes, versions and queries without a 5xx", {
    timeout: 180_000,
  }, async () => {
    for (const [i, route] of routes("GET").entries()) {
      const cases = sample(
        fc.record({ code: fc.oneof(fc.constantFrom(...CODES), textValue), query: fuzzQuery, q: textValue }),
        4000 + i,
        15,
      );
      for (const c of cases) {
        const path = fillParams(route, (name) =>
          name === "agency" ? "demo" : name === "version" ? c.q.slice(0, 20) : c.code.slice(0, 300),
        );
        const url = `${path}?${c.query}&q=${encodeURIComponent(c.q.slice(0, 3000))}`;
        const res = await service.app.inject({
          url,
          headers: { accept: "text/html", cookie: admin.cookieHeader },
        });
        if (res.statusCode >= 500) fiveHundreds.push(`GET ${url.slice(0, 200)} → ${res.statusCode}`);
      }
    }
    expect(fiveHundreds, fiveHundreds.join("\n")).toEqual([]);
  });

  it("CM-1: a service file mutated at random is either kept exactly as sent or refused with a 4xx", {
    timeout: 180_000,
  }, async () => {
    const statuses = new Map<number, number>();
    for (const definition of sample(mutatedDefinition, 5000, 120)) {
      await admin.get("/office/services");
      const res = await admin.post("/office/services/import", { json: JSON.stringify(definition) });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
      if (res.statusCode === 200) {
        const row = await findService(service.handle.db, "demo", String(definition.code));
        expect(JSON.parse(row!.draft!)).toEqual(definition);
      } else expect([400, 409, 413, 422]).toContain(res.statusCode);
    }
    // Both outcomes occurred: the mutations are neither all harmless nor all fatal.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
  });

  it("PY-1: a service file with random fee shapes is kept and computes, or is refused 422 naming its fees", {
    timeout: 180_000,
  }, async () => {
    const food = loadDemoServices().find((d) => d.code === "food-shop-licence");
    const statuses = new Map<number, number>();
    for (const fees of sample(feeShapes, 5100, 80)) {
      const definition = { ...structuredClone(food), fees } as ServiceDefinition;
      await admin.get("/office/services");
      const res = await admin.post("/office/services/import", { json: JSON.stringify(definition) });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
      if (res.statusCode === 200) {
        // Kept: it computes an amount or a failure the officer sees for any answers, never throws.
        for (const answers of [{}, { areaSqm: 250, seats: 10 }, { areaSqm: -1, seats: "x" }])
          expect(() => calculateFees(definition, answers)).not.toThrow();
      } else {
        expect(res.statusCode).toBe(422);
        expect(res.body).toMatch(/\/fees\/\d/);
      }
    }
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
  });
});
