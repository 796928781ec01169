import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { applicationInReview, matterNow } from "./deficiency.test-kit.js";

/**
 * Bad input to the deficiency routes never reaches a 500: seeded, bounded fuzzing of the officers' acts
 * (signed in, with the session's CSRF token and a real matter's version, so the handlers run) and of the
 * applicant's page and forms (with the real tracking token). FUZZ_RUNS scales the number of cases.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const NOW = "2026-12-08T03:00:00.000Z";

describe.each(testDialects())("malformed input to the deficiency routes on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let app: Awaited<ReturnType<typeof applicationInReview>>;
  const fiveHundreds: string[] = [];

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    app = await applicationInReview(service, clock, "fuzz");
  }, 120_000);
  afterAll(async () => service?.stop());

  const check = (what: string, res: { statusCode: number; body: string }) => {
    if (res.statusCode >= 500) fiveHundreds.push(`${what} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  };

  it("RV-2, RV-3, SC-1: the officers' deficiency, contact and abandon forms answer 2xx/3xx/4xx, never 5xx", {
    timeout: 180_000,
  }, async () => {
    const head = await unitOfficer(service, clock, "fuzz-head@demo.go.th", ["head_of_agency", "reviewer"]);
    const plausible: [string, string][] = [
      ["item", "id-card"],
      ["problem.id-card", "missing"],
      ["deadlineDays", "7"],
      ["channel", "phone"],
      ["outcome", "unreachable"],
    ];
    for (const [i, path] of ["", "/contact-attempts", "/abandon"].entries()) {
      const version = String((await matterNow(service, app.matterId)).version);
      const cases = fc.sample(
        fc.record({
          body: fuzzBody([["_csrf", head.client.csrf], ["version", version], ...plausible]),
          matter: fc.oneof(fc.constant(app.matterId), textValue),
          accept: fc.constantFrom("text/html", "application/json"),
        }),
        { seed: 1200 + i, numRuns: runs(40) },
      );
      for (const c of cases) {
        const url = `/office/matters/${encodeURIComponent(c.matter)}/deficiency${path}`;
        const res = await service.app.inject({
          method: "POST",
          url,
          payload: c.body.body,
          headers: { "content-type": c.body.contentType, accept: c.accept, cookie: head.client.cookieHeader },
        });
        check(`${url} ${c.body.kind}`, res);
        expect(res.statusCode).toBeLessThan(500);
      }
    }
    expect(fiveHundreds, fiveHundreds.join("\n")).toEqual([]);
  });

  it("RV-2, SC-1: the applicant's page and forms answer 4xx to bad input, never 5xx", {
    timeout: 180_000,
  }, async () => {
    // A record to answer (on a matter of its own), so that the forms' handlers run past the token checks.
    const app = await applicationInReview(service, clock, "fuzz-public");
    const officer = app.reviewer.client;
    await officer.get(`/office/matters/${app.matterId}/deficiency`);
    const issued = await officer.post(`/office/matters/${app.matterId}/deficiency`, {
      version: String((await matterNow(service, app.matterId)).version),
      item: "id-card",
      deadlineDays: "7",
    });
    expect(issued.statusCode).toBe(303);
    const base = `/requests/${app.beYear}/${app.sequence}/deficiency`;
    const page = await service.app.inject({ url: `${base}?t=${app.token}` });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    expect(csrf).not.toBe("");
    const gets = fc.sample(
      fc.record({ query: fuzzQuery, seq: fc.oneof(fc.constant(String(app.sequence)), textValue) }),
      {
        seed: 1300,
        numRuns: runs(40),
      },
    );
    for (const g of gets) {
      const url = `/requests/${app.beYear}/${encodeURIComponent(g.seq)}/deficiency?${g.query}`;
      const res = await service.app.inject({ url });
      check(url, res);
    }
    for (const [i, path] of ["/acknowledge", "/answer"].entries()) {
      const cases = fc.sample(
        fc.record({
          body: fuzzBody([["_csrf", csrf]]),
          token: fc.oneof(fc.constant(app.token), textValue),
        }),
        { seed: 1310 + i, numRuns: runs(40) },
      );
      for (const c of cases) {
        const url = `${base}${path}?t=${encodeURIComponent(c.token)}`;
        const res = await service.app.inject({
          method: "POST",
          url,
          payload: c.body.body,
          headers: { "content-type": c.body.contentType },
        });
        check(`${url} ${c.body.kind}`, res);
      }
    }
    expect(fiveHundreds, fiveHundreds.join("\n")).toEqual([]);
    // Still answering afterwards.
    expect((await service.app.inject({ url: `${base}?t=${app.token}` })).statusCode).toBe(200);
  });
});
