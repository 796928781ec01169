import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

/**
 * Seeded, bounded fuzzing of the service status routes: random bodies with a valid CSRF token (so the
 * handlers run) and random queries: never a 5xx, and a refused body writes nothing (no notice, no audit).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("the service status routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  let noticeId = "";
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "status.fuzz@demo.go.th", ["admin"])
    ).client;
    await admin.get("/office/service-status");
    await admin.post("/office/service-status", { kind: "information", textTh: "ทดสอบ", textEn: "Test" });
    noticeId = (await service.handle.db.selectFrom("service_notices").select("id").executeTakeFirstOrThrow())
      .id;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  /** What a refused request must leave as it was. */
  const state = async () => {
    const db = service.handle.db;
    const [notices, audits] = await Promise.all([
      db.selectFrom("service_notices").selectAll().orderBy("id").execute(),
      db.selectFrom("audit_events").select("id").where("action", "like", "service-status.%").execute(),
    ]);
    return JSON.stringify({ notices, audits: audits.length });
  };

  it("WS-4: random queries to /status.json, the admin page and a notice are 200 or 4xx, never 5xx", async () => {
    const path = fc.constantFrom(
      "/status.json",
      "/office/service-status",
      `/office/service-status/${noticeId}`,
    );
    for (const [p, query] of fc.sample(fc.tuple(path, fuzzQuery), { seed: 1701, numRuns: runs(60) })) {
      const res = await admin.get(`${p}?${query}`);
      expect(res.statusCode, `${p}?${query}`).toBeLessThan(500);
    }
    for (const id of fc.sample(textValue, { seed: 1702, numRuns: runs(40) })) {
      const res = await admin.get(`/office/service-status/${encodeURIComponent(id.slice(0, 200))}`);
      expect([200, 400, 404], id).toContain(res.statusCode);
    }
  });

  it("WS-4: random bodies to new, edit and withdraw are done or refused with a 4xx, never 5xx; refused ones write nothing", async () => {
    const time = fc.oneof(
      textValue,
      fc
        .date({ min: new Date("2026-12-01"), max: new Date("2027-02-01"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 16)),
    );
    const target = fc.constantFrom(
      "",
      `/${noticeId}`,
      `/${noticeId}/withdraw`,
      "/no-such-notice",
      "/x/withdraw",
    );
    const cases = fc.sample(
      fc
        .tuple(
          target,
          fc.constantFrom("information", "degraded", "downtime", "x"),
          textValue,
          textValue,
          time,
          time,
        )
        .chain(([to, kind, th, en, start, end]) =>
          fuzzBody([
            ["_csrf", admin.csrf],
            ["kind", kind],
            ["textTh", th.slice(0, 600)],
            ["textEn", en.slice(0, 600)],
            ["startsAt", start.slice(0, 100)],
            ["endsAt", end.slice(0, 100)],
          ]).map((body) => [to, body] as const),
        ),
      { seed: 1703, numRuns: runs(200) },
    );
    for (const [to, body] of cases) {
      const before = await state();
      const res = await service.app.inject({
        method: "POST",
        url: `/office/service-status${to}`,
        payload: body.body,
        headers: { "content-type": body.contentType, cookie: admin.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, `${to} ${body.kind}`).toBeLessThan(500);
      expect([200, 400, 403, 404, 409, 413, 415, 422], `${to} ${body.kind}`).toContain(res.statusCode);
      if (res.statusCode >= 400) expect(await state(), `${to} ${body.kind}`).toBe(before);
    }
  });
});
