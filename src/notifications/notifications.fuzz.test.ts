import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SubmittedApplication, submitTestApplication } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { NOTIFICATION_EVENTS } from "./index.js";

/**
 * #12's new routes never answer 5xx (issue #9 style): the admin's notification texts, the tracking
 * page's withdraw form and the tracking page and API, each with seeded, bounded fuzzed input — and the
 * form reached with a valid CSRF token, so that the handler itself runs.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
  fc.sample(arb, { seed, numRuns: runs(n) });
const STABLE_CODE = /"code":"[A-Z_]+"/;

describe.each(testDialects())(
  "#12 notifications and tracking routes under malformed input (%s)",
  (dialect) => {
    let service: TestService;
    let admin: OfficeClient;
    let app: SubmittedApplication;
    let csrf = "";

    beforeAll(async () => {
      service = await startTestService(dialect);
      await publishTestService(service);
      admin = await signedInChief(service, service.clock, "fuzz.notify@demo.go.th");
      app = await submitTestApplication(service, { email: "fuzz.track@example.com" });
      const page = await service.app.inject({
        url: `/requests/${app.beYear}/${app.sequence}?t=${app.token}`,
      });
      csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      expect(csrf).not.toBe("");
    }, 120_000);
    afterAll(() => service?.stop());

    const fields = fc.constantFrom(...NOTIFICATION_EVENTS.flatMap((e) => [`${e}.th`, `${e}.en`]), "_csrf");

    it("the notification texts page answers malformed bodies with 4xx and a stable code, never 5xx", {
      timeout: 120_000,
    }, async () => {
      await admin.get("/office/notifications/templates");
      const cases = sample(
        fc.record({
          body: fc.oneof(
            fuzzBody([["_csrf", admin.csrf]]),
            fc.array(fc.tuple(fields, textValue), { maxLength: 4 }).map((pairs) => ({
              kind: "templates",
              contentType: "application/x-www-form-urlencoded",
              body: Buffer.from(new URLSearchParams([["_csrf", admin.csrf], ...pairs]).toString()),
            })),
          ),
        }),
        1201,
        150,
      );
      for (const c of cases) {
        const res = await service.app.inject({
          method: "POST",
          url: "/office/notifications/templates",
          payload: c.body.body,
          headers: {
            "content-type": c.body.contentType,
            accept: "application/json",
            cookie: admin.cookieHeader,
            "x-csrf-token": admin.csrf,
          },
        });
        expect(res.statusCode, `${c.body.kind} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400 && res.headers["content-type"]?.toString().includes("json"))
          expect(res.body).toMatch(STABLE_CODE);
      }
      // Whatever was saved is a usable template: every stored text passes the check.
      const rows = await service.handle.db.selectFrom("notification_templates").select("text").execute();
      for (const r of rows) expect(r.text).toMatch(/\{receiptNumber\}/);
    });

    it("the withdraw form answers fuzzed bodies, tokens and versions with 4xx (or its confirm step), never 5xx", {
      timeout: 120_000,
    }, async () => {
      const cases = sample(
        fc.record({
          body: fc.oneof(
            fuzzBody([["_csrf", csrf]]),
            fc
              .record({
                version: fc.oneof(textValue, fc.nat().map(String)),
                confirm: fc.constantFrom("yes", "", "no"),
              })
              .map((f) => ({
                kind: "withdraw",
                contentType: "application/x-www-form-urlencoded",
                body: Buffer.from(new URLSearchParams({ _csrf: csrf, ...f }).toString()),
              })),
          ),
          token: fc.oneof(fc.constant(app.token), textValue),
          path: fc.oneof(
            fc.constant(`${app.beYear}/${app.sequence}`),
            fc
              .tuple(textValue, textValue)
              .map(([a, b]) => `${encodeURIComponent(a)}/${encodeURIComponent(b)}`),
          ),
        }),
        1202,
        200,
      );
      for (const c of cases) {
        const res = await service.app.inject({
          method: "POST",
          url: `/requests/${c.path}/withdraw?t=${encodeURIComponent(c.token)}`,
          payload: c.body.body,
          headers: { "content-type": c.body.contentType, accept: "application/json" },
        });
        expect(res.statusCode, `${c.body.kind} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.body).toMatch(STABLE_CODE);
      }
    });

    it("the tracking page and API answer fuzzed query strings without a 5xx", {
      timeout: 120_000,
    }, async () => {
      for (const q of sample(fuzzQuery, 1203, 150)) {
        for (const url of [
          `/requests/${app.beYear}/${app.sequence}?${q}`,
          `/api/v1/requests/${app.beYear}/${app.sequence}?${q}`,
        ]) {
          const res = await service.app.inject({ url });
          expect(res.statusCode, `${url} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    });
  },
);
