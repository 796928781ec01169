import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { DEMO_AGENCY, findAgency, initAgency } from "../agencies/index.js";
import { holidayYearWarnings, loadBusinessCalendar, loadShippedHolidays } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import {
  addHolidayAndRecompute,
  importHolidaysAndRecompute as importHolidays,
  recordAction,
  registerEntry,
  removeHolidayAndRecompute as removeHoliday,
} from "./index.js";

describe.each(testDialects())("holiday import on %s", (dialect) => {
  let database: TestDatabase;
  const clock = fixedClock("2026-11-27T11:00:00.000Z"); // Friday 27 November 2026, 18:00 Bangkok

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
    await importHolidays(database.handle, "TH", loadShippedHolidays(), { clock, actor: "test" });
  });
  afterAll(() => database.drop());

  async function register(subject: string) {
    const agency = (await findAgency(database.handle.db, "demo"))!;
    const calendar = await loadBusinessCalendar(database.handle.db, agency);
    const { entry } = await withTransaction(database.handle, (trx) =>
      registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "web",
          senderName: "ผู้ทดสอบ",
          subject,
          body: "",
          language: "th",
          attachments: [],
        },
        { clock, calendar, actor: "test" },
      ),
    );
    return entry;
  }

  it("CH-4: a new holiday moves the deadline of open entries, is audited, and leaves acknowledged ones alone", async () => {
    const open = await register("open");
    const done = await register("done");
    await recordAction(database.handle, {
      subject: { entryId: done.id },
      action: "acknowledge",
      payload: { via: "email", at: clock.now() },
      actor: { kind: "system", name: "system" },
      at: clock.now(),
    });
    expect(open.acknowledgeBy.toISOString()).toBe("2026-11-30T03:00:00.000Z"); // Monday 10:00

    // The agency closes on Monday 30 November (an agency-specific closure).
    const result = await importHolidays(
      database.handle,
      "agency:demo",
      [
        {
          year: 2026,
          status: "confirmed",
          source: "คำสั่งหน่วยงาน",
          holidays: [{ date: "2026-11-30", nameTh: "ปิดสำนักงาน", nameEn: "Office closed", kind: "agency" }],
        },
      ],
      { clock, actor: "test" },
    );
    expect(result.entriesRecomputed).toBe(1);
    const rows = await database.handle.db
      .selectFrom("entries")
      .select(["id", "working_start", "acknowledge_by", "receipt_number"])
      .orderBy("sequence")
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(open.id)).toMatchObject({
      working_start: "2026-12-01T01:30:00.000Z",
      acknowledge_by: "2026-12-01T03:00:00.000Z",
      receipt_number: open.receiptNumber,
    });
    expect(byId.get(done.id)?.acknowledge_by).toBe("2026-11-30T03:00:00.000Z");
    const audit = await database.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "entry.recompute-deadline")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data).acknowledgeBy).toEqual({
      from: "2026-11-30T03:00:00.000Z",
      to: "2026-12-01T03:00:00.000Z",
    });
    const imports = await database.handle.db
      .selectFrom("audit_events")
      .select("subject_id")
      .where("action", "=", "calendar.import-holidays")
      .execute();
    expect(imports.map((r) => r.subject_id)).toEqual(expect.arrayContaining(["TH", "agency:demo"]));
  });

  it("CH-3: the shipped Songkran holidays make Friday 10 April 2026 17:00 count from Thursday 16 April", async () => {
    clock.set("2026-04-10T10:00:00.000Z");
    const entry = await register("songkran");
    expect(entry.workingStart.toISOString()).toBe("2026-04-16T01:30:00.000Z");
    expect(entry.acknowledgeBy.toISOString()).toBe("2026-04-16T03:00:00.000Z");
  });

  it("CH-4: removing one closure moves open deadlines back, is audited, and keeps the year's other holidays", async () => {
    clock.set("2026-11-27T11:00:00.000Z");
    const closures = (dates: string[]) => [
      {
        year: 2026,
        status: "confirmed" as const,
        source: "คำสั่งหน่วยงาน",
        holidays: dates.map((date) => ({
          date,
          nameTh: "ปิดสำนักงาน",
          nameEn: "Closed",
          kind: "agency" as const,
        })),
      },
    ];
    await importHolidays(database.handle, "agency:demo", closures(["2026-11-30", "2026-12-30"]), {
      clock,
      actor: "test",
    });
    const open = await register("open, then the closure is removed");
    expect(open.acknowledgeBy.toISOString()).toBe("2026-12-01T03:00:00.000Z");

    const result = await removeHoliday(database.handle, "agency:demo", "2026-11-30", {
      clock,
      actor: "staff:admin",
      ip: "192.0.2.1",
    });
    expect(result.entriesRecomputed).toBeGreaterThanOrEqual(1);
    const row = await database.handle.db
      .selectFrom("entries")
      .select(["acknowledge_by", "receipt_number"])
      .where("id", "=", open.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ acknowledge_by: "2026-11-30T03:00:00.000Z", receipt_number: open.receiptNumber });
    const left = await database.handle.db
      .selectFrom("holidays")
      .select("date")
      .where("calendar", "=", "agency:demo")
      .execute();
    expect(left.map((h) => h.date)).toEqual(["2026-12-30"]);
    const audit = await database.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "calendar.remove-holiday")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: "staff:admin", subject_id: "agency:demo", ip: "192.0.2.1" });
    expect(JSON.parse(audit.data)).toMatchObject({ date: "2026-11-30", nameTh: "ปิดสำนักงาน" });

    await expect(
      removeHoliday(database.handle, "agency:demo", "2026-11-30", { clock, actor: "test" }),
    ).rejects.toMatchObject({ code: "HOLIDAY_NOT_FOUND" });
  });

  it("CH-3: a receipt on Thursday 20 May 2027 (Visakha Bucha, computed) counts from the next business day", async () => {
    clock.set("2027-05-20T03:00:00.000Z"); // Thursday 20 May 2027, 10:00 Bangkok
    const entry = await register("Visakha Bucha 2027");
    expect(entry.workingStart.toISOString()).toBe("2027-05-21T01:30:00.000Z"); // Friday 08:30
    expect(entry.acknowledgeBy.toISOString()).toBe("2027-05-21T03:00:00.000Z");
    // Asarnha Bucha Sun 18 July, Lent Mon 19 July, their substitution Tue 20 July: Wednesday.
    clock.set("2027-07-17T03:00:00.000Z");
    const july = await register("Asarnha Bucha 2027");
    expect(july.workingStart.toISOString()).toBe("2027-07-21T01:30:00.000Z");
  });

  it("CH-3: a year with no list at all counts the computed holidays (provisional, warned about)", async () => {
    clock.set("2027-01-10T03:00:00.000Z");
    // A government calendar holding 2026 only, as a database seeded before 2027 was computed would.
    await importHolidays(database.handle, "TH-2026-only", loadShippedHolidays().slice(0, 1), {
      clock,
      actor: "test",
    });
    const agency = { ...(await findAgency(database.handle.db, "demo"))!, holidayCalendar: "TH-2026-only" };
    const calendar = await loadBusinessCalendar(database.handle.db, agency);
    for (const day of ["2027-02-22", "2027-05-20", "2027-07-20", "2031-12-05"]) {
      expect(calendar.holidays.has(day), day).toBe(true);
    }
    expect(calendar.holidays.has("2027-05-21")).toBe(false);
    const warnings = await holidayYearWarnings(
      database.handle.db,
      "TH-2026-only",
      clock.now(),
      "Asia/Bangkok",
    );
    expect(warnings).toEqual([
      { year: 2027, problem: "computed" },
      { year: 2028, problem: "computed" },
    ]);

    // The Cabinet's list for 2028 replaces the computed year: its lunar days no longer count unless listed.
    await importHolidays(
      database.handle,
      "TH-2026-only",
      [{ year: 2028, status: "confirmed", source: "มติคณะรัฐมนตรี (ทดสอบ)", holidays: [] }],
      { clock, actor: "test" },
    );
    const after = await loadBusinessCalendar(database.handle.db, agency);
    expect(after.holidays.has("2028-02-10")).toBe(false); // computed Makha Bucha 2028
    expect(after.holidays.has("2027-05-20")).toBe(true); // 2027 still computed
  });

  it("CH-3: a special day added with its source moves open deadlines, is audited, and cannot be added twice", async () => {
    clock.set("2027-05-20T12:00:00.000Z"); // Thursday 20 May 2027, 19:00 Bangkok (a holiday anyway)
    const open = await register("before the bridge holiday");
    expect(open.workingStart.toISOString()).toBe("2027-05-21T01:30:00.000Z");
    const special = {
      date: "2027-05-21",
      nameTh: "วันหยุดพิเศษ (เพิ่มเติม)",
      nameEn: "Special holiday",
      kind: "special" as const,
      source: "มติคณะรัฐมนตรี (ตัวอย่างในการทดสอบ)",
    };
    const result = await addHolidayAndRecompute(database.handle, "TH", special, {
      clock,
      actor: "cli:operator",
    });
    expect(result.entriesRecomputed).toBeGreaterThanOrEqual(1);
    const row = await database.handle.db
      .selectFrom("entries")
      .select(["working_start", "receipt_number"])
      .where("id", "=", open.id)
      .executeTakeFirstOrThrow();
    // Friday becomes a holiday: counting starts on Monday 24 May, the receipt number unchanged.
    expect(row).toEqual({ working_start: "2027-05-24T01:30:00.000Z", receipt_number: open.receiptNumber });
    const stored = await database.handle.db
      .selectFrom("holidays")
      .selectAll()
      .where("calendar", "=", "TH")
      .where("date", "=", "2027-05-21")
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ kind: "special", source: special.source });
    const audit = await database.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "calendar.add-holiday")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: "cli:operator", subject_id: "TH" });
    expect(JSON.parse(audit.data)).toMatchObject({ date: "2027-05-21", source: special.source });

    const ctx = { clock, actor: "test" };
    await expect(addHolidayAndRecompute(database.handle, "TH", special, ctx)).rejects.toMatchObject({
      code: "HOLIDAY_EXISTS",
    });
    for (const [change, field] of [
      [{ date: "2027-02-30" }, "date"],
      [{ nameTh: " " }, "nameTh"],
      [{ source: "" }, "source"],
      [{ source: "ก".repeat(1001) }, "source"],
      [{ kind: "holiday" }, "kind"],
    ] as const) {
      await expect(
        addHolidayAndRecompute(
          database.handle,
          "TH",
          Object.assign({}, special, { date: "2027-05-25" }, change) as typeof special,
          ctx,
        ),
      ).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { field } });
    }
  });
});
