import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitId } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterNotices } from "./notices.repo.js";

/**
 * Seeded, bounded fuzzing of the notice part's routes: the applicant's payment page, QR and PDF with
 * random numbers, ids and tokens, and the finance officer's forms with random bodies (a valid CSRF token,
 * stepped up, so the handlers run): never a 5xx; nothing is written unless the form was valid.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("the notice routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let finance: OfficeClient;
  let app: Awaited<ReturnType<typeof matterAwaitingPayment>>;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    app = await matterAwaitingPayment(service, clock);
    finance = (
      await signedInOfficer(
        service.app,
        service.handle,
        clock,
        "demo",
        "fin.fuzz@demo.go.th",
        ["finance_officer"],
        "",
        [await unitId(service, "permits")],
      )
    ).client;
    await stepUp(finance, clock);
    await finance.get(`/office/matters/${app.application.matterId}`);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("PY-1: random numbers, notice ids and tokens on the applicant's routes are 4xx, never 5xx", async () => {
    const { application, notice } = app;
    const segment = fc.oneof(textValue, fc.constant(notice.id), fc.constant("x"));
    const token = fc.oneof(textValue, fc.constant(application.token.slice(0, -1)), fc.constant(""));
    const cases = fc.sample(fc.tuple(fc.nat(3), segment, token, fuzzQuery), {
      seed: 1403,
      numRuns: runs(60),
    });
    for (const [shape, id, t, query] of cases) {
      const base = `/requests/${application.beYear}/${shape === 3 ? encodeURIComponent(id) : application.sequence}/payment`;
      const url = [
        `${base}?t=${encodeURIComponent(t)}&${query}`,
        `${base}/${encodeURIComponent(id)}/qr.png?t=${encodeURIComponent(t)}`,
        `${base}/${encodeURIComponent(id)}.pdf?t=${encodeURIComponent(t)}`,
        `${base}?${query}`,
      ][shape]!;
      const res = await service.app.inject({ url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it("PY-1: random bodies to the finance officer's notice forms are 4xx or a valid act, never 5xx", async () => {
    const { application, notice } = app;
    const page = `/office/matters/${application.matterId}/payment/notices`;
    const cases = fc.sample(fc.tuple(fc.boolean(), fuzzBody([["_csrf", finance.csrf]])), {
      seed: 1404,
      numRuns: runs(60),
    });
    for (const [cancel, body] of cases) {
      const res = await service.app.inject({
        method: "POST",
        url: cancel ? `${page}/${notice.id}x/cancel` : page,
        payload: body.body,
        headers: { "content-type": body.contentType, cookie: finance.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, body.kind).toBeLessThan(500);
      expect([303, 400, 403, 404, 409, 413, 415, 422]).toContain(res.statusCode);
    }
    // Random forms carry no valid kind/detail/amount/days together: nothing was added.
    expect(await listMatterNotices(service.handle.db, application.matterId)).toHaveLength(1);
  });
});
