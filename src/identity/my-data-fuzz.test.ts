import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitTestApplication } from "../../test/casework.js";
import { signedInCitizen, type TestCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { createLineLinkToken } from "./index.js";

/**
 * Seeded, bounded fuzzing of the citizen's my-data routes (my requests, who read my data, the LINE
 * link) by a signed-in citizen with a valid CSRF token: never a 5xx, and a link is used only with the
 * account linked in the same transaction. FUZZ_RUNS scales the number of cases (1 = the CI default).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
  fc.sample(arb, { seed, numRuns: runs(n) });

describe.each(testDialects())("my-data routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;
  let me: TestCitizen;
  const tokens: string[] = [];
  const problems: string[] = [];
  const check = (what: string, res: { statusCode: number; body: string }) => {
    if (res.statusCode >= 500) problems.push(`${what} → ${res.statusCode} ${res.body.slice(0, 160)}`);
  };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await submitTestApplication(service, { email: "fuzz@example.com" });
    me = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "fuzz@example.com",
    });
    for (const user of ["U1", "U2"])
      tokens.push(
        await createLineLinkToken(service.handle.db, { agencyId: "demo", lineUserId: user }, clock.now()),
      );
  }, 120_000);
  afterAll(() => service?.stop());

  const token = () =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(...tokens) },
      { weight: 3, arbitrary: textValue.map((v) => v.slice(0, 200)) },
    );
  const headers = () => ({ accept: "text/html", cookie: me.client.cookieHeader });

  it("PD-6: my requests, who read my data and the link page answer fuzzed queries and tokens without a 5xx", {
    timeout: 120_000,
  }, async () => {
    for (const c of sample(fc.record({ query: fuzzQuery, token: token() }), 4301, 60))
      for (const url of [
        `/account/requests?${c.query}`,
        `/account/reads?${c.query}`,
        `/account/line-link/${encodeURIComponent(c.token)}?${c.query}`,
      ]) {
        const res = await service.app.inject({ url, headers: headers() });
        check(`GET ${url.slice(0, 160)}`, res);
      }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("PD-6: the link's POST answers fuzzed bodies with a 4xx or the link, never a 5xx, nothing half-written", {
    timeout: 120_000,
  }, async () => {
    const cases = sample(fc.record({ token: token(), body: fuzzBody([["_csrf", me.csrfToken]]) }), 4302, 120);
    for (const c of cases) {
      const url = `/account/line-link/${encodeURIComponent(c.token)}`;
      const res = await service.app.inject({
        method: "POST",
        url,
        payload: c.body.body,
        headers: { ...headers(), "content-type": c.body.contentType },
      });
      check(`POST ${url.slice(0, 120)} ${c.body.kind}`, res);
      if (res.statusCode !== 303) expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(problems, problems.join("\n")).toEqual([]);
    // A used link always comes with its account linked to its LINE user, and never two links for one account.
    const used = await service.handle.db
      .selectFrom("line_link_tokens")
      .select(["line_user_id", "account_id"])
      .where("used_at", "is not", null)
      .execute();
    const account = await service.handle.db
      .selectFrom("citizen_accounts")
      .select("line_user_id")
      .where("id", "=", me.accountId)
      .executeTakeFirstOrThrow();
    expect(used.length).toBeLessThanOrEqual(2);
    if (used.length === 0) expect(account.line_user_id).toBeNull();
    else expect(used.map((u) => u.line_user_id)).toContain(account.line_user_id);
    expect(used.every((u) => u.account_id === me.accountId)).toBe(true);
  });
});
