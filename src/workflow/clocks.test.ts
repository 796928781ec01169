import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  type BusinessCalendar,
  DEFAULT_BUSINESS_HOURS,
  isBusinessDay,
  toLocal,
} from "../calendar/index.js";
import { clockDue, countDaysOfKind } from "./clocks.js";

/** The count as the rule reads: each local date from `from`'s up to `to`'s, one by one. */
function naiveCount(cal: BusinessCalendar, from: Date, to: Date, kind: "business" | "calendar"): number {
  let date = toLocal(from, cal.timeZone).date;
  const end = toLocal(to, cal.timeZone).date;
  let count = 0;
  for (; date < end; date = addDays(date, 1)) if (kind === "calendar" || isBusinessDay(cal, date)) count++;
  return count;
}

const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays("2026-01-01", n));

describe("clocks", () => {
  it("LF-1, RV-3: days of each kind counted by weeks and closed days equal the count day by day (seeded)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 * 24 }),
        fc.integer({ min: 0, max: 400 * 24 }),
        fc.uniqueArray(day, { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.boolean(),
        fc.constantFrom<"business" | "calendar">("business", "calendar"),
        (startHours, spanHours, holidays, weekdays, closedOnLabourDay, kind) => {
          const cal: BusinessCalendar = {
            timeZone: "Asia/Bangkok",
            hours: { ...DEFAULT_BUSINESS_HOURS, weekdays, closedOnLabourDay },
            holidays: new Set(holidays),
          };
          const from = new Date(Date.UTC(2026, 0, 1) + startHours * 3_600_000);
          const to = new Date(from.getTime() + spanHours * 3_600_000);
          expect(countDaysOfKind(cal, from, to, kind)).toBe(naiveCount(cal, from, to, kind));
        },
      ),
      { seed: 1208, numRuns: 500 },
    );
  });

  it("LF-1: a pause moves the due time on by the business days it stood still, a holiday not counted", () => {
    const cal: BusinessCalendar = {
      timeZone: "Asia/Bangkok",
      hours: DEFAULT_BUSINESS_HOURS,
      holidays: new Set(["2026-12-10"]),
    };
    const start = new Date("2026-12-07T03:00:00Z"); // Monday
    const plain = clockDue(cal, { start, amount: 5, kind: "business", pauses: [], at: start });
    expect(plain.toISOString()).toBe("2026-12-15T09:30:00.000Z");
    // Paused Tuesday 8 to Friday 11: Tue and Wed stood still (Thu 10 a holiday).
    const pauses = [
      { startedAt: new Date("2026-12-08T03:00:00Z"), endedAt: new Date("2026-12-11T03:00:00Z") },
    ];
    const paused = clockDue(cal, { start, amount: 5, kind: "business", pauses, at: start });
    expect(paused.toISOString()).toBe("2026-12-17T09:30:00.000Z");
    // Calendar days (RV-3): 30 of them, whatever the weekday.
    expect(countDaysOfKind(cal, start, new Date("2027-01-06T03:00:00Z"), "calendar")).toBe(30);
  });
});
