import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../test/db.js";
import { listHolidays, listHolidayYears } from "./calendar/index.js";
import { fixedClock } from "./platform/clock.js";
import { importHolidaysAndRecompute } from "./register/index.js";
import { seedIfEmpty } from "./service.js";

describe.each(testDialects())("seeding the holiday lists on %s", (dialect) => {
  let database: TestDatabase;
  const clock = fixedClock("2026-12-05T03:00:00.000Z");
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.drop());

  it("CH-3: a 2027 list shipped without lunar holidays is replaced by the computed one at start-up", async () => {
    // As an install seeded before #10 holds it: fixed-date holidays only.
    await importHolidaysAndRecompute(
      database.handle,
      "TH",
      [
        {
          year: 2027,
          status: "provisional",
          source: "Fixed-date (solar) holidays of 2570 only, with substitution days computed …",
          holidays: [{ date: "2027-01-01", nameTh: "วันขึ้นปีใหม่", nameEn: "New Year's Day", kind: "public" }],
        },
      ],
      { clock, actor: "test" },
    );
    const log: string[] = [];
    await seedIfEmpty(database.handle, clock, (m) => log.push(m));
    const dates = (await listHolidays(database.handle.db, "TH", 2027)).map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(["2027-02-22", "2027-05-20", "2027-07-20"]));
    expect((await listHolidayYears(database.handle.db, "TH"))[0]).toMatchObject({
      year: 2027,
      status: "provisional",
      source: expect.stringContaining("Computed by Borikan"),
    });
    expect(log.join("\n")).toContain("replaced the 2027 holiday list");
    // A second start leaves it alone.
    await seedIfEmpty(database.handle, clock, (m) => log.push(m));
    expect(log.filter((m) => m.startsWith("replaced"))).toHaveLength(1);
  });
});
