import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { createStaff } from "./staff-accounts.js";
import { totpCode } from "./totp.js";

describe.each(testDialects())("staff sign-in on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    // Another agency, whose correspondence officers must use a second factor.
    const other = {
      ...DEMO_AGENCY,
      id: "other",
      hostnames: ["other.test"],
      domain: "other.go.th",
      centralEmail: "saraban@other.go.th",
    };
    await initAgency(
      service.handle,
      { ...other, totpRequiredRoles: ["saraban_officer"] },
      { clock, actor: "test" },
    );
  });
  afterAll(() => service?.stop());
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  it("SC-1: the back office refuses anyone not signed in", async () => {
    const client = new OfficeClient(service.app);
    const page = await client.get("/office/register");
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe("/office/login?next=%2Foffice%2Fregister");
    const post = await client.post("/office/register/checks", { period: "morning" });
    expect(post.statusCode).toBe(401);
    expect(post.body).toContain("กรุณาเข้าสู่ระบบ");
    const file = await service.app.inject({ url: "/office/register.xlsx" });
    expect(file.statusCode).toBe(401);
    expect(file.json().error.code).toBe("UNAUTHENTICATED");
  });

  it("SC-1: a wrong password, an unknown email and a forged login form are refused alike; five failures lock the account", async () => {
    const { temporaryPassword } = await createStaff(
      service.handle,
      "demo",
      { email: "lock@demo.go.th", displayName: "Lock", roles: ["saraban_officer"] },
      { clock, actor: "test" },
    );
    const client = new OfficeClient(service.app);
    await client.get("/office/login");
    const unknown = await client.post("/office/login", {
      email: "nobody@demo.go.th",
      password: "whatever-123",
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toContain("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
    const forged = await client.post(
      "/office/login",
      { email: "lock@demo.go.th", password: temporaryPassword },
      { csrf: "forged" },
    );
    expect(forged.statusCode).toBe(403);
    for (let i = 0; i < 4; i++)
      expect(
        (await client.post("/office/login", { email: "lock@demo.go.th", password: "wrong-password-1" }))
          .statusCode,
      ).toBe(401);
    const locked = await client.post("/office/login", {
      email: "lock@demo.go.th",
      password: "wrong-password-1",
    });
    expect(locked.statusCode).toBe(423);
    expect(
      (await client.post("/office/login", { email: "lock@demo.go.th", password: temporaryPassword }))
        .statusCode,
    ).toBe(423);
    advance(16 * 60_000);
    expect(
      (await client.post("/office/login", { email: "lock@demo.go.th", password: temporaryPassword }))
        .statusCode,
    ).toBe(303);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "in", ["staff.lock", "staff.login-failed"])
      .execute();
    expect(audit.map((a) => a.action)).toContain("staff.lock");
  });

  it("SC-1: too many sign-in attempts from one address are slowed down", async () => {
    const client = new OfficeClient(service.app);
    await client.get("/office/login");
    const codes: number[] = [];
    for (let i = 0; i < 32; i++)
      codes.push(
        (await client.post("/office/login", { email: `x${i}@demo.go.th`, password: "nope-nope-1" }))
          .statusCode,
      );
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    advance(61_000);
  });

  it("SC-1: a temporary password must be changed; state changes need the CSRF token; sessions end when idle", async () => {
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "officer@demo.go.th",
      ["saraban_officer"],
    );
    expect((await client.get("/office/register")).statusCode).toBe(200);
    expect((await client.post("/office/logout", {}, { csrf: "wrong" })).statusCode).toBe(403);
    advance(16 * 60_000);
    expect((await client.get("/office/register")).statusCode).toBe(303);
  });

  it("SC-1: roles decide who may manage staff, and an admin's reset ends the officer's sessions", async () => {
    const officer = await signedInOfficer(service.app, service.handle, clock, "demo", "clerk@demo.go.th", [
      "saraban_officer",
    ]);
    expect((await officer.client.get("/office/staff")).statusCode).toBe(403);
    const admin = await signedInOfficer(service.app, service.handle, clock, "demo", "boss@demo.go.th", [
      "admin",
    ]);
    const created = await admin.client.post("/office/staff", {
      email: "new@demo.go.th",
      displayName: "ใหม่",
      roles: ["reviewer", "approver"],
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).toMatch(/new@demo\.go\.th/);
    expect(
      (
        await admin.client.post("/office/staff", {
          email: "new@demo.go.th",
          displayName: "x",
          roles: ["reviewer"],
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await admin.client.post("/office/staff", {
          email: "bad@demo.go.th",
          displayName: "x",
          roles: ["emperor"],
        })
      ).statusCode,
    ).toBe(400);
    const reset = await admin.client.post(`/office/staff/${officer.staff.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await officer.client.get("/office/register")).statusCode).toBe(303);
  });

  it("WS-3: with a second factor enrolled the login asks for a code; a role can be made to require it", async () => {
    const { client, staff, password } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "totp@demo.go.th",
      ["supervisor"],
    );
    await client.get("/office/account");
    const enrol = await client.post("/office/account/totp");
    const secret = /<p>[^<]*?([A-Z2-7]{32})/.exec(enrol.body)?.[1];
    expect(secret).toBeDefined();
    expect(enrol.body).toContain("<svg");
    expect((await client.post("/office/account/totp/confirm", { code: "000000" })).statusCode).toBe(401);
    expect(
      (await client.post("/office/account/totp/confirm", { code: totpCode(secret!, clock.now()) }))
        .statusCode,
    ).toBe(303);

    const second = new OfficeClient(service.app);
    await second.get("/office/login");
    const step1 = await second.post("/office/login", {
      email: staff.email,
      password,
      next: "/office/register",
    });
    expect(step1.headers.location).toContain("/office/login/totp");
    expect((await second.get("/office/register")).headers.location).toBe("/office/login/totp");
    await second.get("/office/login/totp");
    expect((await second.post("/office/login/totp", { code: "123456" })).statusCode).toBe(401);
    expect(
      (
        await second.post("/office/login/totp?next=/office/register", {
          code: totpCode(secret!, clock.now()),
        })
      ).statusCode,
    ).toBe(303);
    expect((await second.get("/office/register")).statusCode).toBe(200);

    const clerk = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "other",
      "must-totp@other.go.th",
      ["saraban_officer"],
      "/a/other",
    );
    expect((await clerk.client.get("/office/register")).headers.location).toBe("/a/other/office/account");
  });

  it("SC-1: a session of one agency is no session at another", async () => {
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "only-demo@demo.go.th",
      ["saraban_officer"],
    );
    expect((await client.get("/office/register")).statusCode).toBe(200);
    const other = new OfficeClient(service.app, "/a/other");
    other.cookies = client.cookies;
    expect((await other.get("/office/register")).statusCode).toBe(303);
  });

  it("a repeated or overlong field of a staff form is refused with a 400 that names the field", async () => {
    const login = new OfficeClient(service.app);
    await login.get("/office/login");
    const repeated = await login.post("/office/login", {
      email: ["a@demo.go.th", "b@demo.go.th"],
      password: "whatever-123",
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.body).toContain("ช่อง “อีเมล” ถูกส่งมามากกว่าหนึ่งครั้ง");

    const { client, password } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "fields-admin@demo.go.th",
      ["admin"],
    );
    await client.get("/office/staff");
    const twice = await client.post("/office/staff", {
      email: "new-one@demo.go.th",
      displayName: ["One", "Two"],
      roles: "saraban_officer",
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain("ช่อง “ชื่อที่แสดง” ถูกส่งมามากกว่าหนึ่งครั้ง");
    await client.get("/office/account");
    const long = await client.post("/office/account/password", {
      current: "x".repeat(1001),
      next: "Another-Horse-43",
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain("ช่อง “รหัสผ่านปัจจุบัน” ยาวเกิน");
    // Nothing was changed: the password still signs in.
    expect(await new OfficeClient(service.app).signIn("fields-admin@demo.go.th", password)).toBe(password);
  });
});
