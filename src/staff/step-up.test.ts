import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { OfficeClient, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { DEMO_AGENCY, findAgency, initAgency, TOTP_FLOOR_ROLES } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter, recordAction } from "../register/index.js";
import { createStaff } from "./staff-accounts.js";
import { totpCode } from "./totp.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const advance = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000));

describe.each(testDialects())("officers' step-up and second factor on %s", (dialect) => {
  let service: TestService;
  let approver: Awaited<ReturnType<typeof unitOfficer>>;
  let reviewerId = "";

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    approver = await unitOfficer(service, clock, "stepper@demo.go.th", ["approver"]);
    reviewerId = (await unitOfficer(service, clock, "stepper-reviewer@demo.go.th", ["reviewer"])).staff.id;
  }, 120_000);
  afterAll(() => service?.stop());

  /** A matter of the permits unit waiting for the approver's decision. */
  async function awaitingApproval(): Promise<string> {
    const { matterId } = await submitTestApplication(service);
    await routeMatter(service, clock, matterId);
    for (const action of ["start-review", "submit-for-approval"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId },
        action,
        payload: {},
        actor: { kind: "staff", staffId: reviewerId, roles: ["reviewer"] },
        at: clock.now(),
      });
    return matterId;
  }

  const decide = async (matterId: string, accept: string) => {
    const matter = await findMatter(service.handle.db, "demo", matterId);
    return service.app.inject({
      method: "POST",
      url: `/office/matters/${matterId}/approval/decide`,
      payload: new URLSearchParams({
        _csrf: approver.client.csrf,
        decision: "approve",
        reasons: "เห็นควรอนุมัติ",
        expectedVersion: String(matter!.version),
      }).toString(),
      headers: {
        accept,
        "content-type": "application/x-www-form-urlencoded",
        cookie: approver.client.cookieHeader,
      },
    });
  };
  const decisions = async (matterId: string) =>
    (
      await service.handle.db
        .selectFrom("matter_actions")
        .select("action")
        .where("matter_id", "=", matterId)
        .where("action", "in", ["approve", "approve-level"])
        .execute()
    ).length;

  it("WS-3: a decision without a step-up is sent to step-up (page) or refused 401 STEP_UP_REQUIRED (API); with one it is done; 16 minutes later it is asked again", async () => {
    const first = await awaitingApproval();
    const page = await decide(first, "text/html");
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(
      `/office/step-up?return=${encodeURIComponent(`/office/matters/${first}`)}`,
    );
    const api = await decide(first, "application/json");
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe("STEP_UP_REQUIRED");
    expect(await decisions(first)).toBe(0);

    const form = await approver.client.get(`/office/step-up?return=/office/matters/${first}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="password"');
    const done = await approver.client.post(`/office/step-up?return=/office/matters/${first}`, {
      password: approver.client.password,
      code: totpCode(approver.client.totpSecret, clock.now()),
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/office/matters/${first}`);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("actor")
      .where("action", "=", "staff.step-up")
      .execute();
    expect(audit.map((a) => a.actor)).toEqual([`staff:${approver.staff.id}`]);
    expect((await decide(first, "text/html")).headers.location).toBe(`/office/matters/${first}`);
    expect(await decisions(first)).toBe(1);

    // Still active (the session lives), but the step-up is 16 minutes old: asked again.
    const second = await awaitingApproval();
    advance(8);
    expect((await approver.client.get("/office/work")).statusCode).toBe(200);
    advance(8);
    expect((await approver.client.get("/office/work")).statusCode).toBe(200);
    const stale = await decide(second, "application/json");
    expect([stale.statusCode, stale.json().error.code]).toEqual([401, "STEP_UP_REQUIRED"]);
    expect(await decisions(second)).toBe(0);
    await stepUp(approver.client, clock);
    expect((await decide(second, "text/html")).statusCode).toBe(303);
    expect(await decisions(second)).toBe(1);
  });

  it("WS-3, SC-1: a wrong password or code on the step-up page is refused, counted and audited; nothing is stepped up; another host is never a return", async () => {
    const { client, staff } = await unitOfficer(service, clock, "wrong-step@demo.go.th", ["approver"]);
    await client.get("/office/step-up");
    const badPassword = await client.post("/office/step-up?return=https://evil.example/x", {
      password: "not-the-password",
      code: totpCode(client.totpSecret, clock.now()),
    });
    expect(badPassword.statusCode).toBe(400); // PASSWORD_WRONG
    expect(badPassword.body).toContain('action="/office/step-up?return=%2Foffice%2Fregister"');
    const badCode = await client.post("/office/step-up", { password: client.password, code: "000000" });
    expect(badCode.statusCode).toBe(401);
    const session = await service.handle.db
      .selectFrom("staff_sessions")
      .select("stepped_up_at")
      .where("staff_id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(session.stepped_up_at).toBeNull();
    const failures = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", staff.id)
      .where("action", "in", ["staff.login-failed", "staff.totp-failed"])
      .execute();
    expect(failures.map((f) => f.action).sort()).toEqual(["staff.login-failed", "staff.totp-failed"]);
    const ok = await client.post("/office/step-up?return=//evil.example", {
      password: client.password,
      code: totpCode(client.totpSecret, clock.now()),
    });
    expect(ok.headers.location).toBe("/office/register");
  });

  it("AAL2, WS-3: approvers, finance officers and heads of agency must enrol a second factor even when the agency's setting names no role; the settings page says so", async () => {
    expect((await findAgency(service.handle.db, "demo"))?.totpRequiredRoles).toEqual(
      expect.arrayContaining([...TOTP_FLOOR_ROLES]),
    );
    const { agency } = await initAgency(
      service.handle,
      { ...DEMO_AGENCY, totpRequiredRoles: [] },
      { clock, actor: "test" },
    );
    expect(agency.totpRequiredRoles).toEqual(expect.arrayContaining([...TOTP_FLOOR_ROLES]));
    for (const role of TOTP_FLOOR_ROLES) {
      const email = `floor-${role}@demo.go.th`;
      const { temporaryPassword } = await createStaff(
        service.handle,
        "demo",
        { email, displayName: role, roles: [role] },
        { clock, actor: "test" },
      );
      const client = new OfficeClient(service.app);
      await client.signIn(email, temporaryPassword);
      const home = await client.get("/office/register");
      expect([home.statusCode, home.headers.location]).toEqual([303, "/office/account"]);
      expect((await client.post("/office/register/checks", { period: "morning" })).statusCode).toBe(401);
    }
    // A role outside the floor is free unless the agency names it.
    const { temporaryPassword } = await createStaff(
      service.handle,
      "demo",
      { email: "floor-reviewer@demo.go.th", displayName: "r", roles: ["reviewer"] },
      { clock, actor: "test" },
    );
    const reviewer = new OfficeClient(service.app);
    await reviewer.signIn("floor-reviewer@demo.go.th", temporaryPassword);
    expect((await reviewer.get("/office/work")).statusCode).toBe(200);
    // An officer without a second factor is told to enrol; the step-up itself is refused.
    expect((await reviewer.get("/office/step-up")).body).toContain('href="/office/account"');
    const refused = await reviewer.post("/office/step-up", { password: reviewer.password, code: "123456" });
    expect(refused.statusCode).toBe(409);

    const admin = await unitOfficer(service, clock, "floor-admin@demo.go.th", ["admin"]);
    const settings = await admin.client.get("/office/admin");
    expect(settings.body).toContain('data-section="totp-floor"');
  });

  it("WS-3, SC-1: fuzzed step-up bodies and return paths answer 4xx or a local 303, never 5xx, and never step up (seeded)", async () => {
    const { client, staff } = await unitOfficer(service, clock, "fuzz-step@demo.go.th", ["approver"]);
    const cases = fc.sample(fc.record({ body: fuzzBody([["_csrf", "__CSRF__"]]), back: textValue }), {
      seed: 1307,
      numRuns: runs(120),
    });
    for (const c of cases) {
      const res = await service.app.inject({
        method: "POST",
        url: `/office/step-up?return=${encodeURIComponent(c.back.slice(0, 3000))}`,
        payload: Buffer.from(c.body.body.toString("latin1").replace("__CSRF__", client.csrf), "latin1"),
        headers: {
          "content-type": c.body.contentType,
          accept: "text/html",
          cookie: client.cookieHeader,
          "x-csrf-token": client.csrf,
        },
      });
      expect(res.statusCode, c.body.kind).toBeLessThan(500);
      if (res.statusCode === 303) expect(String(res.headers.location)).toMatch(/^\/(?!\/)/);
    }
    const session = await service.handle.db
      .selectFrom("staff_sessions")
      .select("stepped_up_at")
      .where("staff_id", "=", staff.id)
      .execute();
    expect(session.every((s) => s.stepped_up_at === null)).toBe(true);
  });
});
