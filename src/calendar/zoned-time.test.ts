import { describe, expect, it } from "vitest";
import { addDays, buddhistYear, fromLocal, parseClock, toLocal, weekdayOf } from "./zoned-time.js";

const BKK = "Asia/Bangkok";

describe("toLocal", () => {
  it.each([
    ["Friday 18:00 Bangkok", "2026-11-20T11:00:00Z", { date: "2026-11-20", minutes: 1080, weekday: 5 }],
    [
      "local midnight is minute 0, not 24:00",
      "2026-11-19T17:00:00Z",
      { date: "2026-11-20", minutes: 0, weekday: 5 },
    ],
    ["seconds are truncated", "2026-11-18T09:29:59.999Z", { date: "2026-11-18", minutes: 989, weekday: 3 }],
    [
      "still 2026 in UTC, already 1 Jan 2027 in Bangkok",
      "2026-12-31T17:30:00Z",
      { date: "2027-01-01", minutes: 30, weekday: 5 },
    ],
  ])("%s", (_title, iso, expected) => {
    expect(toLocal(new Date(iso), BKK)).toEqual(expected);
  });

  it("rejects an invalid Date and an unknown zone", () => {
    expect(() => toLocal(new Date("nope"), BKK)).toThrow(RangeError);
    expect(() => toLocal(new Date(), "Asia/Nowhere")).toThrow(RangeError);
  });
});

describe("fromLocal", () => {
  it.each([
    ["Bangkok 08:30", "2026-11-23", 510, BKK, "2026-11-23T01:30:00.000Z"],
    ["Bangkok 00:30 on 1 Jan is 31 Dec in UTC", "2027-01-01", 30, BKK, "2026-12-31T17:30:00.000Z"],
    // The offset is looked up per date, not assumed: New York differs between winter and summer.
    ["New York winter 10:00", "2026-01-15", 600, "America/New_York", "2026-01-15T15:00:00.000Z"],
    ["New York summer 10:00", "2026-07-01", 600, "America/New_York", "2026-07-01T14:00:00.000Z"],
  ])("%s", (_title, date, minutes, zone, expected) => {
    expect(fromLocal(date, minutes, zone).toISOString()).toBe(expected);
  });

  it("round-trips with toLocal", () => {
    for (const iso of ["2026-04-10T10:00:00Z", "2026-12-31T17:30:00Z", "2027-06-30T23:59:00Z"]) {
      const local = toLocal(new Date(iso), BKK);
      expect(fromLocal(local.date, local.minutes, BKK).toISOString()).toBe(new Date(iso).toISOString());
    }
  });

  it("rejects impossible dates", () => {
    expect(() => fromLocal("2026-02-30", 0, BKK)).toThrow(RangeError);
  });
});

describe("addDays and weekdayOf", () => {
  it.each([
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-01-01", -1, "2025-12-31"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2026-11-20", 3, "2026-11-23"],
  ])("%s + %i days = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ["2026-11-23", 1],
    ["2026-11-20", 5],
    ["2026-11-21", 6],
    ["2026-11-22", 7],
    ["2027-01-01", 5],
  ])("%s is ISO weekday %i", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it("rejects malformed dates", () => {
    expect(() => addDays("2026-13-01", 1)).toThrow(RangeError);
    expect(() => weekdayOf("26-11-23")).toThrow(RangeError);
  });
});

describe("parseClock", () => {
  it.each([
    ["00:00", 0],
    ["08:30", 510],
    ["16:30", 990],
    ["23:59", 1439],
  ])("%s is minute %i", (clock, minutes) => {
    expect(parseClock(clock)).toBe(minutes);
  });

  it.each(["8:30", "24:00", "08:60", "0830", "", "08:30 ", "ab:cd"])("rejects %j", (clock) => {
    expect(() => parseClock(clock)).toThrow(RangeError);
  });
});

describe("buddhistYear", () => {
  it.each([
    ["last millisecond of 2569 in Bangkok", "2026-12-31T16:59:59.999Z", 2569],
    ["first minutes of 2570 in Bangkok while UTC is still 2026", "2026-12-31T17:30:00Z", 2570],
  ])("%s", (_title, iso, expected) => {
    expect(buddhistYear(new Date(iso), BKK)).toBe(expected);
  });
});
