import { describe, expect, it } from "vitest";
import { computedYears } from "./agency-calendar.js";
import { isBusinessDay } from "./business-calendar.js";
import {
  annualHolidays,
  COMPUTED_SOURCE,
  computedHolidayYear,
  substitutionDays,
} from "./computed-holidays.js";
import { loadShippedHolidays } from "./shipped-holidays.js";

const substitutions = (year: number) =>
  computedHolidayYear(year)
    .holidays.filter((h) => h.kind === "substitution")
    .map((h) => h.date);

describe("computed government holidays", () => {
  it("CH-3: 2027's lunar holidays and substitution days, as issue #10 lists them", () => {
    const y2027 = computedHolidayYear(2027);
    expect(y2027).toMatchObject({ year: 2027, status: "provisional", source: COMPUTED_SOURCE });
    const dates = y2027.holidays.map((h) => h.date);
    // Makha Bucha Sun 21 Feb → Mon 22 Feb; Visakha Bucha Thu 20 May; Asarnha Bucha Sun 18 July and
    // Lent Mon 19 July → Tue 20 July.
    expect(dates).toEqual(
      expect.arrayContaining([
        "2027-02-21",
        "2027-02-22",
        "2027-05-20",
        "2027-07-18",
        "2027-07-19",
        "2027-07-20",
      ]),
    );
    // The fixed-date ones on a weekend: Chulalongkorn Day Sat 23 Oct → Mon 25 Oct; 5 Dec Sun → Mon 6 Dec.
    expect(substitutions(2027)).toEqual(["2027-02-22", "2027-07-20", "2027-10-25", "2027-12-06"]);
  });

  it("CH-3: 2025's and 2026's substitution days are the announced ones", () => {
    // 2025: Chakri Sun 6 Apr → 7 Apr; Songkran Sun–Tue → Wed 16 Apr; Coronation Sun 4 May → 5 May
    // (THAI-STANDARDS §7); Visakha Sun 11 May → 12 May (commonly published).
    expect(substitutions(2025)).toEqual(["2025-04-07", "2025-04-16", "2025-05-05", "2025-05-12"]);
    // 2026: the shipped 2569 list.
    expect(substitutions(2026)).toEqual(["2026-06-01", "2026-12-07"]);
  });

  it("gives Songkran one substitution day, and none to Lent on a Sunday after Asarnha Bucha on a Saturday", () => {
    const day = (date: string, nameEn = "x") => ({ date, nameTh: "ก", nameEn, kind: "public" as const });
    // Songkran Fri–Sun 2029: one day, Monday 16 April.
    expect(
      substitutionDays(["2029-04-13", "2029-04-14", "2029-04-15"].map((d) => day(d))).map((h) => h.date),
    ).toEqual(["2029-04-16"]);
    // 2024: Asarnha Bucha Sat 20 July, Lent Sun 21 July → Monday 22 July only (publicholidays.asia).
    const july2024 = annualHolidays(2024).filter((h) => h.date.startsWith("2024-07-2"));
    expect(substitutionDays(july2024).map((h) => h.date)).toEqual(["2024-07-22", "2024-07-29"]);
    // New Year's Eve on a Sunday, New Year's Day on Monday: the substitution is Tuesday 2 January.
    expect(substitutions(2029)[0]).toBe("2029-01-02");
  });

  it("lists no Labour Day and no Royal Ploughing Day: one is an agency setting, the other set each year", () => {
    const dates = computedHolidayYear(2027).holidays.map((h) => h.date);
    expect(dates).not.toContain("2027-05-01");
    expect(computedHolidayYear(2027).holidays.every((h) => !/Ploughing/.test(h.nameEn))).toBe(true);
  });

  it("ships 2026 with its special days and their sources, and computes the years after it", () => {
    const years = loadShippedHolidays(2028);
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2026, "provisional"],
      [2027, "provisional"],
      [2028, "provisional"],
    ]);
    const y2026 = years[0]!;
    expect(y2026.source).toContain("UNCONFIRMED");
    const special = y2026.holidays.filter((h) => h.source);
    expect(special.map((h) => [h.date, h.nameTh])).toEqual([
      ["2026-01-02", "วันหยุดพิเศษ (เพิ่มเติม)"],
      ["2026-05-13", "วันพืชมงคล"],
    ]);
    expect(years[1]!.source).toBe(COMPUTED_SOURCE);
    // With no year asked for, the next one after the list is still computed.
    expect(loadShippedHolidays().map((y) => y.year)).toEqual([2026, 2027]);
  });

  it("CH-3: Labour Day closes an agency's offices only when the agency says so", () => {
    const hours = {
      weekdays: [1, 2, 3, 4, 5],
      opening: "08:30",
      closing: "16:30",
      acknowledgeByNextDay: "10:00",
    };
    const open = { timeZone: "Asia/Bangkok", hours, holidays: new Set<string>() };
    expect(isBusinessDay(open, "2028-05-01")).toBe(true); // Monday 1 May 2028
    const closed = { ...open, hours: { ...hours, closedOnLabourDay: true } };
    expect(isBusinessDay(closed, "2028-05-01")).toBe(false);
    expect(isBusinessDay(closed, "2028-05-02")).toBe(true);
  });

  it("computes the years without a list from the first listed one to five past the last, within the reckoning's range", () => {
    expect(computedYears([])).toEqual([]);
    expect(computedYears([2026])).toEqual([2027, 2028, 2029, 2030, 2031]);
    expect(computedYears([2026, 2029])).toEqual([2027, 2028, 2030, 2031, 2032, 2033, 2034]);
    expect(computedYears([2199])).toEqual([2200]);
    expect(computedYears([1900])).toEqual([]);
  });
});
