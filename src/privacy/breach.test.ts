import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import { breachClock } from "./breach-clock.js";

describe("PD-5: the 72-hour clock", () => {
  const aware = "2026-12-12T03:00:00.000Z";
  const at = (hours: number) => new Date(Date.parse(aware) + hours * 3_600_000);
  const open = { status: "assessed" as const, awareAt: aware, regulatorNotifiedAt: null };

  it("PD-5: 71 hours after awareness it has one hour left; 73 hours after, it is overdue", () => {
    expect(breachClock(open, at(71))).toMatchObject({ hoursLeft: 1, overdue: false });
    expect(breachClock(open, at(73))).toMatchObject({ hoursLeft: -1, overdue: true });
  });

  it("PD-5: it counts calendar hours: a weekend in between does not stop it", () => {
    // 2026-12-12 is a Saturday: 72 hours later is Tuesday morning, not Wednesday.
    expect(breachClock(open, at(0)).dueAt.toISOString()).toBe("2026-12-15T03:00:00.000Z");
  });

  it("PD-5: it stops once the regulator is told, and says when that was late", () => {
    const told = {
      status: "regulator_notified" as const,
      awareAt: aware,
      regulatorNotifiedAt: at(80).toISOString(),
    };
    expect(breachClock(told, at(90))).toMatchObject({ hoursLeft: null, overdue: false, late: true });
  });
});

describe.each(testDialects())("the breach register on %s", (dialect) => {
  // 10:00 in Bangkok on 15 December 2026.
  const clock = fixedClock("2026-12-15T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  const report = {
    occurredAt: "2026-12-14T08:00",
    awareAt: "2026-12-14T09:00",
    description: "แฟ้มคำขอถูกส่งไปผิดอีเมล",
    dataClasses: ["identity", "applications"],
    peopleEstimate: "12",
    risk: "high",
    measures: "ขอให้ผู้รับลบแล้ว",
  };
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "breach.admin@demo.go.th", ["admin"])
    ).client;
    await admin.get("/office/privacy/breaches");
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const counts = async () => {
    const db = service.handle.db;
    const n = async (
      table: "privacy_breaches" | "privacy_breach_events" | "privacy_breach_notices" | "audit_events",
    ) => Number((await db.selectFrom(table).select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    return [
      await n("privacy_breaches"),
      await n("privacy_breach_events"),
      await n("privacy_breach_notices"),
      await n("audit_events"),
    ];
  };
  const record = async (changes: Record<string, string | string[]> = {}) => {
    const res = await admin.post("/office/privacy/breaches", { ...report, ...changes });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    return String(res.headers.location).split("/").pop()!;
  };
  const act = (id: string, action: string, form: Record<string, string> = {}) =>
    admin.post(`/office/privacy/breaches/${id}/${action}?lang=en`, form);

  it("PD-5: bad input is refused with its reason and writes nothing", async () => {
    const before = await counts();
    const cases: [Record<string, string | string[]>, number, RegExp][] = [
      [{ awareAt: "2026-12-14T07:00" }, 422, /cannot have become aware before/],
      [{ occurredAt: "2026-12-16T08:00", awareAt: "2026-12-16T09:00" }, 422, /cannot be in the future/],
      [{ risk: "medium" }, 422, /risk/],
      [{ dataClasses: ["identity", "bank-secrets"] }, 422, /dataClasses/],
      [{ peopleEstimate: "-3" }, 422, /peopleEstimate/],
      [{ occurredAt: "2026-02-30T08:00" }, 422, /occurredAt/],
      [{ description: "" }, 422, /description/],
    ];
    for (const [change, status, message] of cases) {
      const res = await admin.post("/office/privacy/breaches?lang=en", { ...report, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(status);
      expect(res.body).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it("PD-5: a high-risk breach cannot be not-notifiable, nor close before the people affected are told", async () => {
    const id = await record();
    expect((await act(id, "assess", { risk: "high" })).statusCode).toBe(303);
    const refused = await act(id, "not_notifiable", { reason: "ไม่น่าจะมีความเสี่ยง" });
    expect(refused.statusCode).toBe(409);
    // Told before the agency became aware: refused.
    expect(
      (await act(id, "notify_regulator", { toldAt: "2026-12-14T08:30", method: "pdpc-eservice" })).statusCode,
    ).toBe(422);
    expect(
      (await act(id, "notify_regulator", { toldAt: "2026-12-15T09:00", method: "pdpc-eservice" })).statusCode,
    ).toBe(303);
    const before = await counts();
    const early = await act(id, "close");
    expect(early.statusCode).toBe(409);
    expect(early.body).toMatch(/cannot close before the people affected are told/);
    expect(await counts()).toEqual(before);
    expect(
      (await act(id, "tell_subjects", { toldAt: "2026-12-15T09:30", method: "email", note: "อีเมลถึง 12 คน" }))
        .statusCode,
    ).toBe(303);
    expect((await act(id, "close")).statusCode).toBe(303);
    const page = await admin.get(`/office/privacy/breaches/${id}?lang=en`);
    expect(page.body).toContain("The PDPC (regulator)");
    expect(page.body).toContain("อีเมลถึง 12 คน");
    const notices = await service.handle.db
      .selectFrom("privacy_breach_notices")
      .select("recipient")
      .where("breach_id", "=", id)
      .execute();
    expect(notices.map((n) => n.recipient).sort()).toEqual(["regulator", "subjects"]);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("subject_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("privacy.breach.close");
    // Ids and counts only: nothing of the account or the notes is copied into the audit trail.
    expect(audit.map((a) => a.data).join()).not.toMatch(/อีเมล|แฟ้ม/);

    // A closed breach takes no more acts.
    const after = await counts();
    const closed = await act(id, "assess", { risk: "low" });
    expect(closed.statusCode).toBe(409);
    expect(await counts()).toEqual(after);
  });

  it("PD-5: a low-risk breach may be recorded as not notifiable, with a reason", async () => {
    const id = await record({ risk: "low" });
    await act(id, "assess", { risk: "low" });
    expect((await act(id, "not_notifiable", { reason: "" })).statusCode).toBe(422);
    expect((await act(id, "not_notifiable", { reason: "ข้อมูลเข้ารหัสไว้" })).statusCode).toBe(303);
    expect((await act(id, "close")).statusCode).toBe(303);
  });

  it("PD-5: the list flags a breach still unreported after 72 hours", async () => {
    const id = await record({ occurredAt: "2026-12-12T08:00", awareAt: "2026-12-12T09:00" });
    const list = await admin.get("/office/privacy/breaches?lang=en");
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/<tr class="overdue">[\s\S]*?Overdue by 1 hours/);
    const page = await admin.get(`/office/privacy/breaches/${id}?lang=en`);
    expect(page.body).toContain("Overdue by 1 hours");
  });

  it("PD-5: other roles, other agencies' ids and stale pages are refused", async () => {
    const clerk = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "breach.clerk@demo.go.th", [
        "supervisor",
      ])
    ).client;
    expect((await clerk.get("/office/privacy/breaches")).statusCode).toBe(403);
    expect(
      (await admin.get("/office/privacy/breaches/00000000-0000-0000-0000-000000000000")).statusCode,
    ).toBe(404);
    expect((await admin.get("/office/privacy/breaches/not-an-id")).statusCode).toBe(404);
    const id = await record();
    expect(
      (await act(id, "assess", { risk: "high", expectedUpdatedAt: "2020-01-01T00:00:00.000Z" })).statusCode,
    ).toBe(409);
    expect((await act(id, "frobnicate")).statusCode).toBe(404);
  });
});
