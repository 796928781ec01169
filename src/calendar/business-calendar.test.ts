// Bangkok is UTC+7 all year, so local 08:30 = 01:30Z, 10:00 = 03:00Z, 16:30 = 09:30Z, 18:00 = 11:00Z.
import { describe, expect, it } from "vitest";
import {
  acknowledgeBy,
  addBusinessDays,
  type BusinessCalendar,
  DEFAULT_BUSINESS_HOURS,
  isBusinessDay,
  isWithinBusinessHours,
  nextBusinessDayStart,
  registerYear,
  workingStart,
} from "./business-calendar.js";
import { loadShippedHolidays } from "./shipped-holidays.js";

const cal: BusinessCalendar = {
  timeZone: "Asia/Bangkok",
  hours: DEFAULT_BUSINESS_HOURS,
  holidays: new Set([
    "2026-04-13", // Songkran, Mon-Wed
    "2026-04-14",
    "2026-04-15",
    "2026-12-07", // substitution for 5 Dec (Saturday)
    "2026-12-10", // Constitution Day, Thursday
    "2026-12-31", // New Year's Eve, Thursday
    "2027-01-01", // New Year's Day, Friday
  ]),
};
const noHolidays: BusinessCalendar = { ...cal, holidays: new Set() };
const custom: BusinessCalendar = {
  ...noHolidays,
  hours: { ...DEFAULT_BUSINESS_HOURS, opening: "08:00", closing: "16:00" },
};
const iso = (d: Date) => d.toISOString();

describe("isBusinessDay / isWithinBusinessHours", () => {
  it.each([
    ["Friday", "2026-11-20", true],
    ["Saturday", "2026-11-21", false],
    ["Sunday", "2026-11-22", false],
    ["Songkran holiday", "2026-04-14", false],
  ])("%s %s -> %s", (_title, date, expected) => {
    expect(isBusinessDay(cal, date)).toBe(expected);
  });

  it.each([
    ["CH-3: one millisecond before opening is outside", "2026-11-18T01:29:59.999Z", false],
    ["CH-3: exactly at opening 08:30 is within", "2026-11-18T01:30:00Z", true],
    ["CH-3: one millisecond before closing is within", "2026-11-18T09:29:59.999Z", true],
    ["CH-3: exactly at closing 16:30 is outside (half-open)", "2026-11-18T09:30:00Z", false],
    ["CH-3: Saturday 10:00 is outside", "2026-11-21T03:00:00Z", false],
    ["CH-3: a holiday at 10:00 is outside", "2026-12-10T03:00:00Z", false],
  ])("%s", (_title, at, expected) => {
    expect(isWithinBusinessHours(cal, new Date(at))).toBe(expected);
  });
});

describe("workingStart (CH-3)", () => {
  it.each([
    [
      "CH-3: mail at Friday 18:00 counts from Monday 08:30",
      cal,
      "2026-11-20T11:00:00Z",
      "2026-11-23T01:30:00.000Z",
    ],
    [
      "CH-3: mail at Wednesday 07:00 counts from Wednesday 08:30",
      cal,
      "2026-11-18T00:00:00Z",
      "2026-11-18T01:30:00.000Z",
    ],
    [
      "CH-3: mail exactly at opening counts from receipt",
      cal,
      "2026-11-18T01:30:00Z",
      "2026-11-18T01:30:00.000Z",
    ],
    [
      "CH-3: mail during hours counts from receipt",
      cal,
      "2026-11-18T05:12:34.567Z",
      "2026-11-18T05:12:34.567Z",
    ],
    [
      "CH-3: mail exactly at closing counts from the next day 08:30",
      cal,
      "2026-11-18T09:30:00Z",
      "2026-11-19T01:30:00.000Z",
    ],
    [
      "CH-3: mail on Saturday counts from Monday 08:30",
      cal,
      "2026-11-21T03:00:00Z",
      "2026-11-23T01:30:00.000Z",
    ],
    [
      "CH-3: mail on Sunday 23:59 counts from Monday 08:30",
      cal,
      "2026-11-22T16:59:00Z",
      "2026-11-23T01:30:00.000Z",
    ],
    [
      "CH-3: mail on a holiday counts from the next business day",
      cal,
      "2026-12-10T03:00:00Z",
      "2026-12-11T01:30:00.000Z",
    ],
    [
      "CH-3: Friday 10 April 17:00 before Songkran counts from Thursday 16 April 08:30",
      cal,
      "2026-04-10T10:00:00Z",
      "2026-04-16T01:30:00.000Z",
    ],
    [
      "CH-3: Wednesday 30 December 2026 18:00 counts from Monday 4 January 2027 08:30",
      cal,
      "2026-12-30T11:00:00Z",
      "2027-01-04T01:30:00.000Z",
    ],
    [
      "CH-3: 1 January 00:30 Bangkok (still 2026 in UTC) counts from Monday 4 January",
      cal,
      "2026-12-31T17:30:00Z",
      "2027-01-04T01:30:00.000Z",
    ],
    [
      "CH-3: the Bangkok date, not the UTC date, picks the next day",
      noHolidays,
      "2026-12-31T17:30:00Z",
      "2027-01-01T01:30:00.000Z",
    ],
    [
      "CH-3: custom hours 08:00-16:00, 07:59 counts from 08:00",
      custom,
      "2026-11-18T00:59:00Z",
      "2026-11-18T01:00:00.000Z",
    ],
    [
      "CH-3: custom hours 08:00-16:00, 08:00 is within",
      custom,
      "2026-11-18T01:00:00Z",
      "2026-11-18T01:00:00.000Z",
    ],
    [
      "CH-3: custom hours 08:00-16:00, 16:00 counts from the next day 08:00",
      custom,
      "2026-11-18T09:00:00Z",
      "2026-11-19T01:00:00.000Z",
    ],
  ])("%s", (_title, calendar, at, expected) => {
    expect(iso(workingStart(calendar, new Date(at)))).toBe(expected);
  });

  it("nextBusinessDayStart is strictly after the instant", () => {
    expect(iso(nextBusinessDayStart(cal, new Date("2026-11-18T01:30:00Z")))).toBe("2026-11-19T01:30:00.000Z");
    expect(iso(nextBusinessDayStart(cal, new Date("2026-11-18T01:29:59.999Z")))).toBe(
      "2026-11-18T01:30:00.000Z",
    );
  });

  it("CH-3: the shipped holiday list gives the same New Year result", () => {
    const holidays = new Set(loadShippedHolidays().flatMap((y) => y.holidays.map((h) => h.date)));
    const shipped: BusinessCalendar = { ...cal, holidays };
    expect(iso(workingStart(shipped, new Date("2026-12-30T11:00:00Z")))).toBe("2027-01-04T01:30:00.000Z");
  });
});

describe("acknowledgeBy (CH-4)", () => {
  it.each([
    [
      "CH-4: Wednesday 07:00 is acknowledged by Wednesday 10:00",
      cal,
      "2026-11-18T00:00:00Z",
      "2026-11-18T03:00:00.000Z",
    ],
    [
      "CH-4: Wednesday 10:15 is acknowledged by Wednesday 16:30",
      cal,
      "2026-11-18T03:15:00Z",
      "2026-11-18T09:30:00.000Z",
    ],
    [
      "CH-4: Wednesday exactly 08:30 is acknowledged by Wednesday 16:30",
      cal,
      "2026-11-18T01:30:00Z",
      "2026-11-18T09:30:00.000Z",
    ],
    [
      "CH-4: Wednesday exactly 16:30 is acknowledged by Thursday 10:00",
      cal,
      "2026-11-18T09:30:00Z",
      "2026-11-19T03:00:00.000Z",
    ],
    [
      "CH-4: Friday 18:00 is acknowledged by Monday 10:00",
      cal,
      "2026-11-20T11:00:00Z",
      "2026-11-23T03:00:00.000Z",
    ],
    [
      "CH-4: Saturday 10:00 is acknowledged by Monday 10:00",
      cal,
      "2026-11-21T03:00:00Z",
      "2026-11-23T03:00:00.000Z",
    ],
    [
      "CH-4: Friday 10 April 17:00 before Songkran is acknowledged by Thursday 16 April 10:00",
      cal,
      "2026-04-10T10:00:00Z",
      "2026-04-16T03:00:00.000Z",
    ],
    [
      "CH-4: Wednesday 30 December 2026 18:00 is acknowledged by Monday 4 January 2027 10:00",
      cal,
      "2026-12-30T11:00:00Z",
      "2027-01-04T03:00:00.000Z",
    ],
    [
      "CH-4: custom hours 08:00-16:00, 15:00 is acknowledged by 16:00",
      custom,
      "2026-11-18T08:00:00Z",
      "2026-11-18T09:00:00.000Z",
    ],
  ])("%s", (_title, calendar, at, expected) => {
    expect(iso(acknowledgeBy(calendar, new Date(at)))).toBe(expected);
  });
});

describe("registerYear", () => {
  it.each([
    ["CH-3: Wednesday 30 December 2026 10:00 is registered in 2569", "2026-12-30T03:00:00Z", 2569],
    ["CH-3: Wednesday 30 December 2026 18:00 is registered in 2570", "2026-12-30T11:00:00Z", 2570],
    ["CH-3: 1 January 2027 00:30 Bangkok (2026 in UTC) is registered in 2570", "2026-12-31T17:30:00Z", 2570],
  ])("%s", (_title, at, expected) => {
    expect(registerYear(cal, new Date(at))).toBe(expected);
  });
});

describe("addBusinessDays", () => {
  it.each([
    ["CH-3: 0 days from Friday 18:00 is Monday 16:30", "2026-11-20T11:00:00Z", 0, "2026-11-23T09:30:00.000Z"],
    [
      "CH-3: 0 days from Wednesday 10:00 is Wednesday 16:30",
      "2026-11-18T03:00:00Z",
      0,
      "2026-11-18T09:30:00.000Z",
    ],
    [
      "CH-3: 2 days from Thursday crosses the weekend to Monday",
      "2026-11-19T03:00:00Z",
      2,
      "2026-11-23T09:30:00.000Z",
    ],
    [
      "CH-3: 1 day from Wednesday skips Constitution Day to Friday",
      "2026-12-09T03:00:00Z",
      1,
      "2026-12-11T09:30:00.000Z",
    ],
    [
      "CH-3: 2 days from Friday 4 December crosses the weekend and a holiday",
      "2026-12-04T03:00:00Z",
      2,
      "2026-12-09T09:30:00.000Z",
    ],
    [
      "CH-3: 3 days from Thursday 9 April crosses Songkran",
      "2026-04-09T03:00:00Z",
      3,
      "2026-04-17T09:30:00.000Z",
    ],
  ])("%s", (_title, at, days, expected) => {
    expect(iso(addBusinessDays(cal, new Date(at), days))).toBe(expected);
  });

  it("rejects negative or fractional day counts", () => {
    expect(() => addBusinessDays(cal, new Date("2026-11-18T03:00:00Z"), -1)).toThrow(RangeError);
    expect(() => addBusinessDays(cal, new Date("2026-11-18T03:00:00Z"), 1.5)).toThrow(RangeError);
  });
});

describe("misconfigured calendars", () => {
  const at = new Date("2026-11-18T03:00:00Z");
  const closed: BusinessCalendar = { ...cal, hours: { ...DEFAULT_BUSINESS_HOURS, weekdays: [] } };

  it("a calendar with no business weekdays throws instead of looping forever", () => {
    expect(() => workingStart(closed, at)).toThrow(/No business day/);
    expect(() => acknowledgeBy(closed, at)).toThrow(/No business day/);
    expect(() => addBusinessDays(closed, at, 1)).toThrow(/No business day/);
  });

  it("opening must be before closing", () => {
    const inverted = { ...cal, hours: { ...DEFAULT_BUSINESS_HOURS, opening: "16:30", closing: "08:30" } };
    expect(() => workingStart(inverted, at)).toThrow(RangeError);
  });
});
