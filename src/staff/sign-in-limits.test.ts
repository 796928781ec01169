import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MASTER_KEY, testDialects } from "../../test/db.js";
import { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { ConfigError, loadConfig } from "../config/index.js";
import { fixedClock } from "../platform/clock.js";
import { createMailSender } from "../platform/mail/transport.js";
import { createService } from "../service.js";
import { ADDRESS_LIMIT } from "./login-rate-limit.js";
import { passwordChecks } from "./password.js";
import { MAX_FAILED_LOGINS } from "./sign-in-attempts.js";
import { createStaff } from "./staff-accounts.js";
import { totpCode } from "./totp.js";

/** One sign-in form post as a browser at `remoteAddress` would send it, with the login form's token. */
async function postForm(
  app: FastifyInstance,
  url: string,
  form: Record<string, string>,
  from: { client: OfficeClient; remoteAddress?: string; headers?: Record<string, string> },
) {
  return app.inject({
    method: "POST",
    url,
    payload: new URLSearchParams({ _csrf: from.client.csrf, ...form }).toString(),
    remoteAddress: from.remoteAddress ?? "127.0.0.1",
    headers: {
      accept: "text/html",
      "content-type": "application/x-www-form-urlencoded",
      cookie: from.client.cookieHeader,
      ...from.headers,
    },
  });
}

function countBy(codes: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

describe("TRUST_PROXY", () => {
  it("SC-1: is off by default, takes addresses and CIDRs, and refuses `true`, hop counts and junk", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8,::1,loopback" }).trustProxy).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "loopback",
    ]);
    for (const bad of ["true", "1", "10.0.0.0/33", "proxy.example", "10.0.0.1/8/9"])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
  });
});

describe.each(testDialects())("sign-in limits on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let proxied: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    proxied = await startTestService(dialect, { clock, env: { TRUST_PROXY: "127.0.0.1" } });
  });
  afterAll(async () => {
    await service?.stop();
    await proxied?.stop();
  });

  const officer = async (email: string) => {
    const created = await createStaff(
      service.handle,
      "demo",
      { email, displayName: email, roles: ["saraban_officer"] },
      { clock, actor: "test" },
    );
    return { id: created.staff.id, password: created.temporaryPassword };
  };
  const guessAudits = (staffId: string) =>
    service.handle.db
      .selectFrom("audit_events")
      .select(["action", "ip"])
      .where("subject_id", "=", staffId)
      .where("action", "in", ["staff.login-failed", "staff.totp-failed", "staff.lock"])
      .execute();

  it("SC-1: 40 wrong passwords sent at once for one account: at most MAX_FAILED_LOGINS are checked, the rest 423", async () => {
    const target = await officer("target@demo.go.th");
    const client = new OfficeClient(service.app);
    await client.get("/office/login");
    const before = passwordChecks.count;
    // Each from its own address, so that only the account's counter stands between them and argon2.
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postForm(
          service.app,
          "/office/login",
          { email: "target@demo.go.th", password: `wrong-guess-${i}` },
          { client, remoteAddress: `10.9.${i}.1` },
        ),
      ),
    );
    const checked = passwordChecks.count - before;
    const codes = countBy(responses.map((r) => r.statusCode));
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    expect((codes[401] ?? 0) + (codes[423] ?? 0)).toBe(40);
    expect(codes[423]).toBeGreaterThanOrEqual(40 - MAX_FAILED_LOGINS);
    expect((await guessAudits(target.id)).length).toBe(checked);
    // Locked now, even for the right password, which is not checked either.
    const right = await postForm(
      service.app,
      "/office/login",
      { email: "target@demo.go.th", password: target.password },
      { client, remoteAddress: "10.9.99.1" },
    );
    expect(right.statusCode).toBe(423);
    expect(passwordChecks.count - before).toBe(checked);
  });

  it("SC-1: 100 forged X-Forwarded-For values from one address without a trusted proxy are limited as that address", async () => {
    const client = new OfficeClient(service.app);
    await client.get("/office/login");
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        postForm(
          service.app,
          "/office/login",
          { email: `nobody${i}@demo.go.th`, password: "nope-nope-1" },
          { client, remoteAddress: "192.0.2.10", headers: { "x-forwarded-for": `198.51.100.${i}` } },
        ),
      ),
    );
    const codes = countBy(responses.map((r) => r.statusCode));
    expect(codes[401]).toBe(ADDRESS_LIMIT.max);
    expect(codes[429]).toBe(100 - ADDRESS_LIMIT.max);
    const addresses = await service.handle.db.selectFrom("sign_in_limits").select("address").execute();
    expect(addresses.map((a) => a.address)).toContain("192.0.2.10");
    expect(addresses.some((a) => a.address.startsWith("198.51.100."))).toBe(false);
  });

  it("SC-1: with TRUST_PROXY=127.0.0.1 the forwarded address is the client's; from anyone else it is ignored", async () => {
    const client = new OfficeClient(proxied.app);
    await client.get("/office/login");
    const viaProxy = await Promise.all(
      Array.from({ length: ADDRESS_LIMIT.max + 5 }, (_, i) =>
        postForm(
          proxied.app,
          "/office/login",
          { email: `nobody${i}@demo.go.th`, password: "nope-nope-1" },
          { client, remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": `203.0.113.${i}` } },
        ),
      ),
    );
    expect(viaProxy.every((r) => r.statusCode === 401)).toBe(true);
    const forged = await postForm(
      proxied.app,
      "/office/login",
      { email: "nobody@demo.go.th", password: "nope-nope-1" },
      { client, remoteAddress: "192.0.2.77", headers: { "x-forwarded-for": "203.0.113.250" } },
    );
    expect(forged.statusCode).toBe(401);
    const addresses = (await proxied.handle.db.selectFrom("sign_in_limits").select("address").execute()).map(
      (a) => a.address,
    );
    expect(addresses).toContain("203.0.113.7");
    expect(addresses).toContain("192.0.2.77");
    expect(addresses).not.toContain("127.0.0.1");
    expect(addresses).not.toContain("203.0.113.250");
  });

  it("SC-1: the per-address limit is one for both route prefixes and for every process", async () => {
    const client = new OfficeClient(service.app);
    await client.get("/office/login");
    // A second service on the same database, as a second web process would be.
    const twin = await createService(
      loadConfig({
        DATABASE_URL: service.database.url,
        DATA_DIR: service.dataDir,
        ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
        ROLE: "web",
        SECRET_KEY: "test-secret",
        LOG_LEVEL: "silent",
      }),
      { clock, mail: createMailSender(undefined, () => {}), log: () => {} },
    );
    const codes: number[] = [];
    try {
      for (let i = 0; i < 40; i++) {
        const [app, url] =
          i % 3 === 0
            ? [service.app, "/office/login"]
            : i % 3 === 1
              ? [service.app, "/a/demo/office/login"]
              : [twin.app, "/office/login"];
        const res = await postForm(
          app,
          url,
          { email: `x${i}@demo.go.th`, password: "nope-nope-1" },
          { client, remoteAddress: "192.0.2.20" },
        );
        codes.push(res.statusCode);
      }
    } finally {
      await twin.close();
    }
    expect(codes.slice(0, ADDRESS_LIMIT.max).every((c) => c === 401)).toBe(true);
    expect(codes.slice(ADDRESS_LIMIT.max).every((c) => c === 429)).toBe(true);
    // A new window starts again; past windows are pruned when one starts.
    clock.set(new Date(clock.now().getTime() + ADDRESS_LIMIT.windowMs + 1000));
    const later = await postForm(
      service.app,
      "/a/demo/office/login",
      { email: "x@demo.go.th", password: "nope-nope-1" },
      { client, remoteAddress: "192.0.2.20" },
    );
    expect(later.statusCode).toBe(401);
    const rows = await service.handle.db.selectFrom("sign_in_limits").select("address").execute();
    expect(rows.map((r) => r.address)).toEqual(["192.0.2.20"]);
  });

  it("WS-3: second-factor codes sent at once lock the account after MAX_FAILED_LOGINS, and end the waiting sign-in", async () => {
    const { id, secret, password } = await officerWithTotp("codes@demo.go.th");
    const client = new OfficeClient(service.app);
    await client.get("/office/login");
    const step1 = await postForm(
      service.app,
      "/office/login",
      { email: "codes@demo.go.th", password },
      { client, remoteAddress: "10.8.0.1" },
    );
    expect(step1.statusCode).toBe(303);
    client.cookies.set("borikan_staff", step1.cookies.find((c) => c.name === "borikan_staff")!.value);
    await client.get("/office/login/totp");
    const right = totpCode(secret, clock.now());
    const wrong = right === "000000" ? "111111" : "000000";
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postForm(
          service.app,
          "/office/login/totp",
          { code: wrong },
          { client, remoteAddress: `10.8.1.${i}` },
        ),
      ),
    );
    expect((await guessAudits(id)).length).toBe(MAX_FAILED_LOGINS);
    expect(responses.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    // The waiting session is gone, and even the right code would not be checked.
    expect((await client.get("/office/login/totp")).statusCode).toBe(303);
    const again = new OfficeClient(service.app);
    await again.get("/office/login");
    const relogin = await postForm(
      service.app,
      "/office/login",
      { email: "codes@demo.go.th", password },
      { client: again, remoteAddress: "10.8.2.1" },
    );
    expect(relogin.statusCode).toBe(423);
  });

  it("WS-3: a right password does not give a guesser of codes a fresh start", async () => {
    const { secret, password } = await officerWithTotp("fresh@demo.go.th");
    const wrong = totpCode(secret, clock.now()) === "000000" ? "111111" : "000000";
    const codes: number[] = [];
    for (const tries of [3, 2]) {
      const client = new OfficeClient(service.app);
      await client.get("/office/login");
      const step1 = await postForm(
        service.app,
        "/office/login",
        { email: "fresh@demo.go.th", password },
        { client, remoteAddress: "10.7.0.1" },
      );
      if (step1.statusCode !== 303) {
        codes.push(step1.statusCode);
        break;
      }
      client.cookies.set("borikan_staff", step1.cookies.find((c) => c.name === "borikan_staff")!.value);
      await client.get("/office/login/totp");
      for (let i = 0; i < tries; i++)
        codes.push(
          (
            await postForm(
              service.app,
              "/office/login/totp",
              { code: wrong },
              { client, remoteAddress: "10.7.0.1" },
            )
          ).statusCode,
        );
    }
    expect(codes).toEqual([401, 401, 401, 401, 423]);
  });

  it("WS-3: the second-factor step answers only a sign-in waiting for it: a signed-in officer's codes there are not checked or counted", async () => {
    const { id, secret, password } = await officerWithTotp("signed-in@demo.go.th");
    const client = new OfficeClient(service.app);
    await client.get("/office/login");
    const step1 = await postForm(
      service.app,
      "/office/login",
      { email: "signed-in@demo.go.th", password },
      { client, remoteAddress: "10.6.0.1" },
    );
    client.cookies.set("borikan_staff", step1.cookies.find((c) => c.name === "borikan_staff")!.value);
    await client.get("/office/login/totp");
    const done = await postForm(
      service.app,
      "/office/login/totp",
      { code: totpCode(secret, clock.now()) },
      { client, remoteAddress: "10.6.0.1" },
    );
    expect(done.statusCode).toBe(303);
    await client.get("/office/register");
    const wrong = totpCode(secret, clock.now()) === "000000" ? "111111" : "000000";
    for (let i = 0; i < MAX_FAILED_LOGINS + 2; i++) {
      const res = await postForm(
        service.app,
        "/office/login/totp",
        { code: wrong },
        { client, remoteAddress: "10.6.0.2" },
      );
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/office/register");
    }
    expect((await client.get("/office/login/totp")).headers.location).toBe("/office/register");
    // Nothing counted, nothing locked, the session still works.
    expect(await guessAudits(id)).toEqual([]);
    expect((await client.get("/office/register")).statusCode).toBe(200);
    const row = await service.handle.db
      .selectFrom("staff")
      .select(["locked_until", "failed_totp"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ locked_until: null, failed_totp: 0 });
  });

  /** An officer who has enrolled a second factor through the account page, signed out again. */
  async function officerWithTotp(email: string) {
    const created = await officer(email);
    const client = new OfficeClient(service.app);
    const password = await client.signIn(email, created.password);
    const enrol = await client.post("/office/account/totp");
    const secret = /<p>[^<]*?([A-Z2-7]{32})/.exec(enrol.body)?.[1];
    if (!secret) throw new Error("no TOTP secret on the page");
    const confirmed = await client.post("/office/account/totp/confirm", {
      code: totpCode(secret, clock.now()),
    });
    expect(confirmed.statusCode).toBe(303);
    return { id: created.id, secret, password };
  }
});
