import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen, type TestCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../test/service.js";
import { startSmtpListener } from "../../test/smtp.js";
import { type LocalThaid, startLocalThaid } from "../../test/thaid-provider.js";
import { fixedClock } from "../platform/clock.js";
import { SIGN_IN_CSRF_COOKIE } from "./sign-in.routes.js";

/**
 * Seeded, bounded fuzzing of the sign-in routes (ID-4, WS-3): the forms with a valid CSRF token first
 * (so that the handlers run), the account page, ThaiD's start and callback with fuzzed query strings.
 * Never a 5xx; nothing half-written (every code has its message; no session without a sign-in).
 * FUZZ_RUNS scales the number of cases (1 = the CI default).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
  fc.sample(arb, { seed, numRuns: runs(n) });

describe.each(testDialects())("sign-in routes under malformed input on %s", (dialect) => {
  const clock = fixedClock(new Date().toISOString());
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let thaid: LocalThaid;
  let citizen: TestCitizen;
  const problems: string[] = [];
  const CSRF = "fuzz-sign-in-csrf-token1";

  beforeAll(async () => {
    smtp = await startSmtpListener();
    thaid = await startLocalThaid("http://borikan.test");
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url, env: thaid.env() });
    citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "fuzz-citizen@example.com",
    });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await thaid?.close();
    await smtp?.close();
  });

  const check = (what: string, res: { statusCode: number; body: string }) => {
    if (res.statusCode >= 500) problems.push(`${what} → ${res.statusCode} ${res.body.slice(0, 160)}`);
  };

  it("WS-3, ID-4: the sign-in forms and sign-out answer fuzzed bodies without a 5xx, nothing half-written", {
    timeout: 180_000,
  }, async () => {
    const field = fc.oneof(
      fc.constantFrom("somchai@example.com", "0812345678", "123456", "x"),
      textValue.map((v) => v.slice(0, 400)),
    );
    const cases = sample(
      fc.record({
        body: fuzzBody([["_csrf", CSRF]]),
        extra: fc.record({ destination: field, code: field, ticket: field, return: field }),
        n: fc.nat({ max: 250 }),
      }),
      1301,
      40,
    );
    for (const [i, c] of cases.entries()) {
      for (const url of ["/account/sign-in", "/account/sign-in/code", "/account/sign-out"]) {
        const signedIn = url === "/account/sign-out";
        const res = await service.app.inject({
          method: "POST",
          url,
          remoteAddress: `198.51.100.${c.n}`,
          payload:
            i % 2 === 0
              ? c.body.body
              : new URLSearchParams({ _csrf: signedIn ? citizen.csrfToken : CSRF, ...c.extra }).toString(),
          headers: {
            "content-type": i % 2 === 0 ? c.body.contentType : "application/x-www-form-urlencoded",
            accept: "text/html",
            cookie: signedIn ? citizen.client.cookieHeader : `${SIGN_IN_CSRF_COOKIE}=${CSRF}`,
          },
        });
        check(`POST ${url} (${c.body.kind})`, res);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
    const db = service.handle.db;
    const codes = await db.selectFrom("sign_in_codes").select(["id", "channel"]).execute();
    const messages = await db
      .selectFrom("outbox")
      .select("subject_key")
      .where("kind", "=", "sign-in-code")
      .execute();
    const keyed = new Set(messages.map((m) => m.subject_key));
    for (const code of codes)
      if (code.channel === "email") expect(keyed.has(`sign-in:${code.id}`)).toBe(true);
    const orphans = await db
      .selectFrom("citizen_sessions as s")
      .leftJoin("sign_ins as i", "i.id", "s.sign_in_id")
      .select("s.id")
      .where("i.id", "is", null)
      .execute();
    expect(orphans).toEqual([]);
  });

  it("ID-4: the pages, ThaiD's start and its callback answer fuzzed query strings without a 5xx", {
    timeout: 180_000,
  }, async () => {
    const cases = sample(
      fc.record({ query: fuzzQuery, state: textValue, n: fc.nat({ max: 250 }) }),
      1302,
      40,
    );
    const before = await service.handle.db.selectFrom("sign_ins").select("id").execute();
    for (const c of cases) {
      const state = encodeURIComponent(c.state.slice(0, 300));
      for (const url of [
        `/account/sign-in?${c.query}`,
        `/account?${c.query}`,
        `/account/thaid/start?${c.query}`,
        `/account/thaid/callback?${c.query}`,
        `/account/thaid/callback?code=x&state=${state}&${c.query}`,
        `/account/thaid/callback?error=access_denied&state=${state}`,
      ]) {
        const res = await service.app.inject({
          url,
          remoteAddress: `203.0.113.${c.n}`,
          headers: { accept: "text/html", cookie: `borikan_thaid_state=${c.state.slice(0, 50)}` },
        });
        check(`GET ${url.slice(0, 160)}`, res);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
    expect((await service.handle.db.selectFrom("sign_ins").select("id").execute()).length).toBe(
      before.length,
    );
  });
});
