import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { startSmtpListener } from "../../test/smtp.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { CITIZEN_COOKIE } from "./index.js";

const NOW = "2026-12-09T03:00:00.000Z";

describe.each(testDialects())("citizen sign-in by a one-time code on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  /** Asks a code for `destination` in a fresh browser; the page's ticket, and the client. */
  const askCode = async (destination: string) => {
    const client = new OfficeClient(service.app);
    await client.get("/account/sign-in");
    const res = await client.post("/account/sign-in", { destination, return: "/account" });
    const ticket = /name="ticket" value="([^"]+)"/.exec(res.body)?.[1] ?? "";
    return { client, res, ticket };
  };
  /** The code mailed to `address` (the outbox drained to the real SMTP sink). */
  const mailedCode = async (address: string) => {
    await service.outbox.drain();
    const mail = smtp.messages.filter((m) => JSON.stringify(m.to).includes(address)).at(-1);
    return /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1] ?? "";
  };
  const other = (code: string) => (code === "000000" ? "111111" : "000000");

  it("ID-4, WS-3: a code mailed to an address signs in (AAL1, no ial), starts a session, audits by id only", async () => {
    clock.set(NOW);
    const { client, res, ticket } = await askCode("Somchai@Example.com");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="code"');
    const code = await mailedCode("somchai@example.com");
    expect(code).toMatch(/^\d{6}$/);
    const signed = await client.post("/account/sign-in/code", { ticket, code, return: "/account" });
    expect(signed.statusCode).toBe(303);
    expect(signed.headers.location).toBe("/account");
    expect(client.cookies.get(CITIZEN_COOKIE)).toBeTruthy();
    const account = await client.get("/account");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("รหัสทางอีเมล");
    const db = service.handle.db;
    const signIn = await db
      .selectFrom("sign_ins")
      .selectAll()
      .orderBy("at", "desc")
      .executeTakeFirstOrThrow();
    expect(signIn).toMatchObject({ provider: "email-code", aal: "AAL1", ial: null });
    const row = await db
      .selectFrom("citizen_accounts")
      .selectAll()
      .where("id", "=", signIn.account_id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe("somchai@example.com");
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "like", "citizen.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["citizen.code-requested", "citizen.sign-in"]),
    );
    for (const a of audit) expect(JSON.stringify(a)).not.toMatch(/somchai|example\.com/i);
    // ID-7: the address is sealed at rest (the raw column, read past the plugin).
    const raw = await sql<{
      head: string;
    }>`select substr(email, 1, 5) as head from citizen_accounts where id = ${row.id}`.execute(db);
    expect(raw.rows[0]?.head).toBe("enc1:");
    // The code is used: the same code again (on a fresh form) is refused.
    await client.get("/account/sign-in");
    const again = await client.post("/account/sign-in/code", { ticket, code, return: "/account" });
    expect(again.statusCode).toBe(410);
  });

  it("ID-4: a code past ten minutes is refused with a clear message, and nobody is signed in", async () => {
    clock.set(NOW);
    const { client, ticket } = await askCode("late@example.com");
    const code = await mailedCode("late@example.com");
    clock.set(new Date(Date.parse(NOW) + 10 * 60_000 + 1000));
    const res = await client.post("/account/sign-in/code", { ticket, code });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain("หมดอายุ");
    expect(client.cookies.get(CITIZEN_COOKIE)).toBeUndefined();
    clock.set(NOW);
  });

  it("ID-4, SC-1: five wrong guesses use the code up; the sixth, even right, is refused", async () => {
    clock.set(NOW);
    const { client, ticket } = await askCode("guess@example.com");
    const code = await mailedCode("guess@example.com");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await client.post("/account/sign-in/code", { ticket, code: other(code) })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const sixth = await client.post("/account/sign-in/code", { ticket, code });
    expect(sixth.statusCode).toBe(429);
    expect(client.cookies.get(CITIZEN_COOKIE)).toBeUndefined();
    const failed = await service.handle.db
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "citizen.code-failed")
      .where("subject_id", "=", ticket)
      .execute();
    expect(failed.length).toBe(6);
  });

  it("ID-4: the code sent to another address does not open this one's ticket", async () => {
    clock.set(NOW);
    const a = await askCode("first@example.com");
    const b = await askCode("second@example.com");
    const codeB = await mailedCode("second@example.com");
    const codeA = await mailedCode("first@example.com");
    if (codeA === codeB) return; // one chance in a million: nothing to tell apart
    const res = await a.client.post("/account/sign-in/code", { ticket: a.ticket, code: codeB });
    expect(res.statusCode).toBe(400);
    expect(a.client.cookies.get(CITIZEN_COOKIE)).toBeUndefined();
    expect(b.ticket).not.toBe(a.ticket);
  });

  it("ID-4: SMS without a gateway is said not set up, and no code is claimed sent or written", async () => {
    clock.set(NOW);
    const before = await service.handle.db.selectFrom("sign_in_codes").select("id").execute();
    const page = await new OfficeClient(service.app).get("/account/sign-in");
    expect(page.body).toContain("ยังส่งรหัสทาง SMS ไม่ได้");
    expect(page.body).toContain("ThaiD");
    const { res } = await askCode("081-234-5678");
    expect(res.statusCode).toBe(409);
    expect(res.body).not.toContain("ส่งรหัสทาง SMS แล้ว");
    const after = await service.handle.db.selectFrom("sign_in_codes").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("WS-3: a sign-in form without its CSRF token is refused, and no code is sent", async () => {
    const client = new OfficeClient(service.app);
    await client.get("/account/sign-in");
    const res = await client.post(
      "/account/sign-in",
      { destination: "csrf@example.com" },
      { csrf: "forged" },
    );
    expect(res.statusCode).toBe(403);
    const none = await new OfficeClient(service.app).post(
      "/account/sign-in",
      { destination: "csrf@example.com" },
      { csrf: null },
    );
    expect(none.statusCode).toBe(403);
  });

  it("WS-3: signing in gives a new session token (no fixation), and sign-out ends it", async () => {
    clock.set(NOW);
    const { client, ticket } = await askCode("fixation@example.com");
    client.cookies.set(CITIZEN_COOKIE, "planted-by-an-attacker");
    await client.post("/account/sign-in/code", { ticket, code: await mailedCode("fixation@example.com") });
    const token = client.cookies.get(CITIZEN_COOKIE) ?? "";
    expect(token).not.toBe("planted-by-an-attacker");
    const page = await client.get("/account");
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    expect((await client.post("/account/sign-out", {}, { csrf: "wrong" })).statusCode).toBe(403);
    const out = await client.post("/account/sign-out", {}, { csrf });
    expect(out.statusCode).toBe(303);
    client.cookies.set(CITIZEN_COOKIE, token);
    expect((await client.get("/account")).statusCode).toBe(303);
  });

  it("WS-3: a session of another agency is not valid here", async () => {
    clock.set(NOW);
    await initAgency(
      service.handle,
      {
        ...DEMO_AGENCY,
        id: "other",
        domain: "other.go.th",
        hostnames: ["other.test"],
        centralEmail: "saraban@other.go.th",
      },
      { clock, actor: "test" },
    );
    const there = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "other",
      at: clock.now(),
      email: "elsewhere@example.com",
    });
    const here = await there.client.get("/account");
    expect(here.statusCode).toBe(303);
    expect(String(here.headers.location)).toContain("/account/sign-in");
    const atOther = new OfficeClient(service.app, "/a/other");
    atOther.cookies = there.client.cookies;
    expect((await atOther.get("/account")).statusCode).toBe(200);
  });

  it("WS-3: the account page refuses nobody signed in: it sends them to sign in", async () => {
    const res = await new OfficeClient(service.app).get("/account");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/account/sign-in?return=%2Faccount");
    // WS-3: every public page links to sign in / the account.
    const home = await new OfficeClient(service.app).get("/");
    expect(home.body).toContain('href="/account"');
  });
});
