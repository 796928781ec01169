import { describe, expect, it } from "vitest";
import { type BusinessCalendar, DEFAULT_BUSINESS_HOURS } from "../calendar/index.js";
import { businessDaysBetween, checkWindow, previousBusinessDay, todayOf } from "./business-days.js";

// December 2026: Thursday the 10th is Constitution Day.
const cal: BusinessCalendar = {
  timeZone: "Asia/Bangkok",
  hours: DEFAULT_BUSINESS_HOURS,
  holidays: new Set(["2026-12-10"]),
};

describe("the daily check's business days", () => {
  it("PY-3: a Monday checks the Friday before; a holiday is skipped", () => {
    expect(previousBusinessDay(cal, "2026-12-14")).toBe("2026-12-11");
    expect(previousBusinessDay(cal, "2026-12-11")).toBe("2026-12-09");
    expect(previousBusinessDay(cal, "2026-12-13")).toBe("2026-12-11");
  });

  it("PY-3: money taken on a weekend or holiday is checked with the next business day, each day once", () => {
    const monday = checkWindow(cal, "2026-12-14");
    expect(monday.from.toISOString()).toBe("2026-12-11T17:00:00.000Z"); // Saturday 00:00 in Bangkok
    expect(monday.to.toISOString()).toBe("2026-12-14T17:00:00.000Z");
    const friday = checkWindow(cal, "2026-12-11");
    expect(friday.from.toISOString()).toBe("2026-12-09T17:00:00.000Z"); // the holiday falls to Friday
    expect(friday.to.getTime()).toBe(monday.from.getTime());
  });

  it("PY-3: today is over after closing, and on a day the agency is shut", () => {
    expect(todayOf(cal, new Date("2026-12-14T09:29:00Z"))).toEqual({
      today: "2026-12-14",
      afterHours: false,
    });
    expect(todayOf(cal, new Date("2026-12-14T09:30:00Z")).afterHours).toBe(true);
    expect(todayOf(cal, new Date("2026-12-10T03:00:00Z")).afterHours).toBe(true);
    expect(businessDaysBetween(cal, "2026-12-08", "2026-12-14")).toEqual([
      "2026-12-08",
      "2026-12-09",
      "2026-12-11",
    ]);
  });
});
