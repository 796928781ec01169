import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

const clock = fixedClock("2026-12-15T03:00:00.000Z");
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** Values of a breach form's fields: mostly wrong (type, range, calendar), a few right. */
const when = fc.oneof(
  fc.constantFrom(
    "2026-12-14T08:00",
    "2026-12-14T09:00",
    "2026-12-16T09:00",
    "2026-02-30T08:00",
    "2026-12-14T24:00",
    "",
    "2026-12-14",
  ),
  textValue,
);
const field = (good: string[]) => fc.oneof(fc.constantFrom(...good), textValue);

describe.each(testDialects())("privacy routes under fuzzed input on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  let breachId = "";
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "fuzz.privacy@demo.go.th", ["admin"])
    ).client;
    await admin.get("/office/privacy/breaches");
    const res = await admin.post("/office/privacy/breaches", {
      occurredAt: "2026-12-14T08:00",
      awareAt: "2026-12-14T09:00",
      description: "x",
      dataClasses: "identity",
      peopleEstimate: "1",
      risk: "low",
      measures: "y",
    });
    breachId = String(res.headers.location).split("/").pop()!;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const written = async () => {
    const db = service.handle.db;
    const n = async (table: "privacy_breaches" | "privacy_breach_events" | "privacy_officers") =>
      Number((await db.selectFrom(table).select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    return (await n("privacy_breaches")) + (await n("privacy_breach_events")) + (await n("privacy_officers"));
  };

  it("PD-5: structured breach forms are 303 or a 4xx in the officer's language; only accepted ones write", async () => {
    const before = await written();
    let accepted = 0;
    let refused = 0;
    const cases = fc.sample(
      fc.record({
        occurredAt: when,
        awareAt: when,
        description: field(["เหตุ"]),
        dataClasses: fc.oneof(fc.constantFrom("identity", "contact", "bogus"), textValue),
        peopleEstimate: field(["0", "12", "-1", "1e3", "9999999999"]),
        risk: field(["low", "high", "medium"]),
        measures: field(["ล็อกแล้ว"]),
      }),
      { seed: 1717, numRuns: runs(150) },
    );
    for (const form of cases) {
      const res = await admin.post("/office/privacy/breaches", form);
      expect(res.statusCode, JSON.stringify(form)).toBeLessThan(500);
      if (res.statusCode === 303) accepted++;
      else {
        refused++;
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.body).toMatch(/[\u0E00-\u0E7F]/);
      }
    }
    expect(refused).toBeGreaterThan(0);
    // Each accepted form is one breach and its first event; a refused one writes nothing.
    expect(await written()).toBe(before + 2 * accepted);
  }, 120_000);

  it("PD-2, PD-5: fuzzed ids, actions, queries and bodies: no 5xx, nothing written", async () => {
    const before = await written();
    const id = fc.oneof(
      textValue.map((v) => encodeURIComponent(v.slice(0, 80))),
      fc.uuid(),
      fc.constant(breachId),
    );
    await fc.assert(
      fc.asyncProperty(
        id,
        fc.constantFrom(
          "assess",
          "notify_regulator",
          "not_notifiable",
          "tell_subjects",
          "close",
          "record",
          "x",
        ),
        fuzzBody([["_csrf", admin.csrf]]),
        fc.constantFrom(
          "/office/privacy/breaches",
          "/office/privacy/officer",
          "/office/privacy/breaches/ID/ACT",
        ),
        textValue,
        async (one, action, body, post, q) => {
          for (const url of [
            `/office/privacy/breaches/${one}`,
            `/office/privacy/processing?q=${encodeURIComponent(q)}`,
            "/office/privacy/processing.csv",
          ]) {
            const res = await admin.get(url);
            expect(res.statusCode, url).toBeLessThan(500);
          }
          const url = post.replace("ID", one).replace("ACT", action);
          const res = await service.app.inject({
            method: "POST",
            url,
            payload: body.body,
            headers: { "content-type": body.contentType, cookie: admin.cookieHeader },
          });
          expect(res.statusCode, `${url} ${body.kind}`).toBeLessThan(500);
          expect(res.statusCode, `${url} ${body.kind}`).not.toBe(303);
        },
      ),
      { seed: 1717, numRuns: runs(120) },
    );
    expect(await written()).toBe(before);
  }, 180_000);
});
