import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { issuedLicence } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import type { Licence } from "./licence.js";

/**
 * Seeded, bounded fuzzing of the verification routes (LC-3): random numbers, codes and queries, raw and
 * percent-encoded, on the page, its JSON and the form: never a 5xx, only 200 for the licence itself, and
 * nothing written (the page only reads).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("the verification routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let licence: Licence;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    ({ licence } = await issuedLicence(service, clock));
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("LC-3: random numbers, codes and queries are a 4xx with a stable code or the page, never a 5xx", async () => {
    const number = fc.oneof(
      textValue,
      fc.constant(licence.number),
      fc.constant(licence.number.slice(0, -1)),
      fc.string({ maxLength: 200 }),
    );
    const code = fc.oneof(
      textValue,
      fc.constant(licence.verificationCode),
      fc.constant(licence.verificationCode.slice(1)),
      fc.constant(licence.verificationCode.toLowerCase()),
      fc.stringMatching(/^[0-9A-Z]{0,14}$/),
    );
    const cases = fc.sample(fc.tuple(fc.nat(4), number, code, fuzzQuery, fc.boolean()), {
      seed: 1505,
      numRuns: runs(80),
    });
    const before = await service.handle.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    for (const [shape, n, c, query, html] of cases) {
      const encoded = shape === 4 ? n : encodeURIComponent(n);
      const url = [
        `/verify/${encoded}?c=${encodeURIComponent(c)}&${query}`,
        `/verify/${encoded}.json?c=${encodeURIComponent(c)}`,
        `/verify?number=${encodeURIComponent(n)}&c=${encodeURIComponent(c)}&${query}`,
        `/a/demo/verify/${encoded}?c=${encodeURIComponent(c)}`,
        `/verify/${n}?c=${c}`,
      ][shape] as string;
      const res = await service.app.inject({ url, headers: html ? { accept: "text/html" } : {} });
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.statusCode === 200 && url.startsWith("/verify/"))
        expect(res.body, url).toContain(licence.holderName);
      if (res.statusCode >= 400 && String(res.headers["content-type"]).startsWith("application/json"))
        expect(res.json().error.code, url).toMatch(/^[A-Z_]+$/);
    }
    const after = await service.handle.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
