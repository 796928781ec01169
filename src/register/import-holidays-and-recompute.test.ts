import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { DEMO_AGENCY, findAgency, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { loadBusinessCalendar, loadShippedHolidays } from "../calendar/index.js";
import {
  importHolidaysAndRecompute as importHolidays,
  markAcknowledged,
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
    await withTransaction(database.handle, (trx) =>
      markAcknowledged(trx, done.id, clock.now().toISOString(), "email"),
    );
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
});
