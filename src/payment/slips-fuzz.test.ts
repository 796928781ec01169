import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SubmittedApplication } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { slipPayload, slipPng } from "../../test/slips.js";
import { fixedClock } from "../platform/clock.js";
import { slipFormToken } from "./slips-section.js";

/**
 * Seeded, bounded fuzzing of the slip upload (the applicant's, with a valid tracking link and token) and
 * the finance officer's routes (signed in, stepped up, with the CSRF token), so the handlers run: never a
 * 5xx, a stable code for API clients, nothing half-written, nothing paid twice. FUZZ_RUNS scales the cases.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
  fc.sample(arb, { seed, numRuns: runs(n) });

describe.each(testDialects())("slips and the finance pages under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-16T03:00:00.000Z");
  let service: TestService;
  let finance: OfficeClient;
  let app: SubmittedApplication;
  const slipIds: string[] = [];
  const problems: string[] = [];
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    for (let i = 0; i < 3; i++) {
      const { application } = await matterAwaitingPayment(service, clock);
      app = application;
      const body = await multipartBody({ _csrf: slipFormToken(service.payment.secret, app.entryId) }, [
        { field: "slip", filename: "s.png", bytes: await slipPng(slipPayload("014", `FUZZ${i}`)) },
      ]);
      await service.app.inject({
        method: "POST",
        url: `/requests/${app.beYear}/${app.sequence}/payment/slips?t=${app.token}`,
        payload: body.payload,
        headers: body.headers,
      });
    }
    const rows = await service.handle.db.selectFrom("payment_slips").select("id").execute();
    slipIds.push(...rows.map((r) => r.id));
    ({ client: finance } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "fuzz.fin@demo.go.th",
      ["finance_officer"],
    ));
    await stepUp(finance, clock);
  }, 120_000);
  afterAll(() => service?.stop());

  const check = (what: string, res: { statusCode: number; body: string }, api: boolean) => {
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500) problems.push(`${what} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    if (api && res.statusCode >= 400 && !/"code":"[A-Z_]+"/.test(res.body))
      problems.push(`${what} → ${res.statusCode} without a code`);
  };

  /** Nothing half-written: every slip has a readable file and a sniffed type; each notice paid at most once. */
  async function invariants() {
    const db = service.handle.db;
    for (const slip of await db.selectFrom("payment_slips").selectAll().execute()) {
      expect(["image/png", "image/jpeg", "application/pdf"]).toContain(slip.media_type);
      expect((await service.payment.files.read(slip.file_key)).byteLength).toBeGreaterThan(0);
      if (slip.state === "confirmed") expect(slip.payment_id).not.toBeNull();
    }
    const payments = await db.selectFrom("payments").select("notice_id").execute();
    expect(new Set(payments.map((p) => p.notice_id)).size).toBe(payments.length);
    const receipts = await db.selectFrom("e_receipts").select("id").execute();
    expect(receipts).toHaveLength(payments.length);
  }

  it("PY-2: the slip upload answers fuzzed bodies with a 4xx or a kept slip, never a 5xx", {
    timeout: 120_000,
  }, async () => {
    const token = slipFormToken(service.payment.secret, app.entryId);
    const cases = sample(fc.record({ body: fuzzBody([["_csrf", token]]), json: fc.boolean() }), 1401, 60);
    for (const c of cases) {
      const url = `/requests/${app.beYear}/${app.sequence}/payment/slips?t=${app.token}`;
      const res = await service.app.inject({
        method: "POST",
        url,
        payload: c.body.body,
        headers: { "content-type": c.body.contentType, accept: c.json ? "application/json" : "text/html" },
      });
      check(`POST slips ${c.body.kind}`, res, c.json);
    }
    expect(problems, problems.join("\n")).toEqual([]);
    await invariants();
  });

  it("PY-2, PY-3: the finance routes answer fuzzed ids and forms with a 4xx, never a 5xx, nothing paid twice", {
    timeout: 120_000,
  }, async () => {
    const id = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...slipIds) },
      { weight: 1, arbitrary: textValue.map((v) => v.slice(0, 200)) },
    );
    const form = fc
      .record(
        {
          expectedVersion: fc.oneof(fc.constantFrom("1", "2", "0", "-1", "1e9"), textValue),
          notice: textValue,
          reason: textValue,
          date: fc.oneof(fc.constantFrom("2026-12-15", "2026-12-16", "2026-12-13", "2026-02-30"), textValue),
          note: textValue,
        },
        { requiredKeys: [] },
      )
      .map((f) => ({
        kind: "form",
        contentType: "application/x-www-form-urlencoded",
        body: Buffer.from(new URLSearchParams({ _csrf: finance.csrf, ...f }).toString()),
      }));
    const cases = sample(
      fc.record({
        id,
        route: fc.constantFrom("confirm", "reject", "review", "day-review", "daily-check", "day", "file"),
        body: fc.oneof(
          { weight: 3, arbitrary: form },
          { weight: 1, arbitrary: fuzzBody([["_csrf", finance.csrf]]) },
        ),
        query: fuzzQuery,
        json: fc.boolean(),
      }),
      1402,
      150,
    );
    for (const c of cases) {
      const enc = encodeURIComponent(c.id);
      const headers = {
        accept: c.json ? "application/json" : "text/html",
        cookie: finance.cookieHeader,
        "x-csrf-token": finance.csrf,
      };
      const get = c.route === "day" || c.route === "file";
      const url = {
        confirm: `/office/finance/slips/${enc}/confirm`,
        reject: `/office/finance/slips/${enc}/reject`,
        review: `/office/finance/payments/${enc}/review`,
        "day-review": "/office/finance/day/review",
        "daily-check": "/office/finance/daily-check",
        day: `/office/finance/day?${c.query}`,
        file: `/office/finance/slips/${enc}/file`,
      }[c.route];
      const res = get
        ? await service.app.inject({ url, headers })
        : await service.app.inject({
            method: "POST",
            url,
            payload: c.body.body,
            headers: { ...headers, "content-type": c.body.contentType },
          });
      check(`${get ? "GET" : "POST"} ${url.slice(0, 120)} ${c.body.kind}`, res, c.json);
    }
    expect(problems, problems.join("\n")).toEqual([]);
    const guarded = (statuses.get(401) ?? 0) + (statuses.get(403) ?? 0);
    const all = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(guarded / all, JSON.stringify([...statuses])).toBeLessThan(0.3);
    await invariants();
    expect((await finance.get("/office/finance")).statusCode).toBe(200);
  });
});
