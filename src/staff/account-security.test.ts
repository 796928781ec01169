import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import { OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { listUnits } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { AppError } from "../platform/errors.js";
import { createStaff } from "./staff-accounts.js";
import { totpCode } from "./totp.js";

describe.each(testDialects())("an officer's account on %s", (dialect) => {
  const clock = fixedClock("2026-12-08T03:00:00.000Z");
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await addOtherAgency(service, clock);
  });
  afterAll(() => service?.stop());
  const audits = (staffId: string, action: string) =>
    service.handle.db
      .selectFrom("audit_events")
      .select("data")
      .where("subject_id", "=", staffId)
      .where("action", "=", action)
      .execute();
  const staffRow = (id: string) =>
    service.handle.db.selectFrom("staff").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("SC-1: changing the password ends the officer's other sessions and keeps the current one", async () => {
    const first = await signedInOfficer(service.app, service.handle, clock, "demo", "pw@demo.go.th", [
      "saraban_officer",
    ]);
    const second = new OfficeClient(service.app);
    await second.signIn("pw@demo.go.th", first.password);
    const third = new OfficeClient(service.app, "/a/demo");
    await third.signIn("pw@demo.go.th", first.password);
    expect((await second.get("/office/register")).statusCode).toBe(200);

    await first.client.get("/office/account");
    const wrong = await first.client.post("/office/account/password", {
      current: "not-the-password-1",
      next: "Another-Horse-43",
    });
    expect(wrong.statusCode).toBe(400);
    expect((await second.get("/office/register")).statusCode).toBe(200);

    const changed = await first.client.post("/office/account/password", {
      current: first.password,
      next: "Another-Horse-43",
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain("ออกจากระบบในอุปกรณ์อื่นทั้งหมดแล้ว");
    expect((await first.client.get("/office/register")).statusCode).toBe(200);
    expect((await second.get("/office/register")).statusCode).toBe(303);
    expect((await third.get("/office/register")).statusCode).toBe(303);
    const rows = await audits(first.staff.id, "staff.change-password");
    expect(rows.map((r) => JSON.parse(r.data).otherSessionsEnded)).toContain(2);
  });

  it("WS-3: turning off the second factor needs the password and a current code, and is audited", async () => {
    const { client, staff, password } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "off@demo.go.th",
      ["saraban_officer"],
    );
    await client.get("/office/account");
    const enrol = await client.post("/office/account/totp");
    const secret = /<p>[^<]*?([A-Z2-7]{32})/.exec(enrol.body)?.[1];
    expect(secret).toBeDefined();
    const code = () => totpCode(secret!, clock.now());
    expect((await client.post("/office/account/totp/confirm", { code: code() })).statusCode).toBe(303);
    const page = await client.get("/office/account");
    expect(page.body).toContain("/office/account/totp/disable");

    // Starting a new enrolment would replace the secret: refused while the factor is on.
    expect((await client.post("/office/account/totp")).statusCode).toBe(409);
    expect((await client.post("/office/account/totp/disable", {})).statusCode).toBe(400);
    expect(
      (await client.post("/office/account/totp/disable", { password: "wrong-password-9", code: code() }))
        .statusCode,
    ).toBe(400);
    const wrongCode = code() === "000000" ? "111111" : "000000";
    const badCode = await client.post("/office/account/totp/disable", { password, code: wrongCode });
    expect(badCode.statusCode).toBe(401);
    expect((await client.post("/office/account/totp/disable", { password })).statusCode).toBe(401);
    let row = await staffRow(staff.id);
    expect(Number(row.totp_enabled)).toBe(1);
    expect(row.totp_secret).toBe(secret);
    expect(await audits(staff.id, "staff.disable-totp")).toHaveLength(0);

    const off = await client.post("/office/account/totp/disable", { password, code: code() });
    expect(off.statusCode).toBe(200);
    expect(off.body).toContain("ปิดการยืนยันตัวตนสองขั้นตอนแล้ว");
    row = await staffRow(staff.id);
    expect(Number(row.totp_enabled)).toBe(0);
    expect(row.totp_secret).toBeNull();
    expect(await audits(staff.id, "staff.disable-totp")).toHaveLength(1);
    // Off, the next sign-in asks for no code.
    const again = new OfficeClient(service.app);
    await again.get("/office/login");
    const login = await again.post("/office/login", {
      email: staff.email,
      password,
      next: "/office/register",
    });
    expect(login.headers.location).toBe("/office/register");
  });

  it("SC-1: guesses of the current password on the account page count towards the lockout", async () => {
    const { client, staff } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "g@demo.go.th",
      ["saraban_officer"],
    );
    await client.get("/office/account");
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await client.post("/office/account/password", {
            current: `guess-${i}-Aa`,
            next: "Another-Horse-43",
          })
        ).statusCode,
      );
    expect(codes).toEqual([400, 400, 400, 400, 423, 423]);
    expect((await staffRow(staff.id)).locked_until).not.toBeNull();
  });

  it("item 9: an officer's units must be units of the officer's agency", async () => {
    const own = await listUnits(service.handle.db, "demo");
    const foreign = await listUnits(service.handle.db, "other");
    expect(own.length).toBeGreaterThan(0);
    expect(foreign.length).toBeGreaterThan(0);
    const admin = await signedInOfficer(service.app, service.handle, clock, "demo", "boss@demo.go.th", [
      "admin",
    ]);
    await admin.client.get("/office/staff");
    const refused = await admin.client.post("/office/staff", {
      email: "stray@demo.go.th",
      displayName: "Stray",
      roles: ["saraban_officer"],
      unitIds: [own[0]!.id, foreign[0]!.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("หน่วยงานย่อยที่เลือกไม่ได้อยู่ในหน่วยงานนี้");
    const made = await admin.client.post("/office/staff", {
      email: "unit@demo.go.th",
      displayName: "Unit",
      roles: ["saraban_officer"],
      unitIds: [own[0]!.id],
    });
    expect(made.statusCode).toBe(201);
    const rows = await service.handle.db
      .selectFrom("staff")
      .select(["email", "unit_ids"])
      .where("email", "in", ["stray@demo.go.th", "unit@demo.go.th"])
      .execute();
    expect(rows).toEqual([{ email: "unit@demo.go.th", unit_ids: JSON.stringify([own[0]!.id]) }]);

    // The same rule for the operator's CLI, which calls createStaff; an unknown id is refused too.
    for (const unitIds of [[foreign[0]!.id], ["no-such-unit"]]) {
      const error = await createStaff(
        service.handle,
        "demo",
        { email: "cli@demo.go.th", displayName: "CLI", roles: ["reviewer"], unitIds },
        { clock, actor: "test" },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("UNIT_NOT_IN_AGENCY");
      expect((error as AppError).status).toBe(400);
    }
  });
});
