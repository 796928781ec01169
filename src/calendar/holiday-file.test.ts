import { describe, expect, it } from "vitest";
import { HolidayFileError, parseHolidayFile } from "./holiday-file.js";
import { loadShippedHolidays } from "./shipped-holidays.js";
import { weekdayOf } from "./zoned-time.js";

function problemsOf(text: string, format: "csv" | "json"): string[] {
  try {
    parseHolidayFile(text, format);
  } catch (e) {
    expect(e).toBeInstanceOf(HolidayFileError);
    return (e as HolidayFileError).problems;
  }
  throw new Error("expected a HolidayFileError");
}

describe("parseHolidayFile (CSV)", () => {
  it("reads a file with a BOM, CRLF, quoted commas and escaped quotes", () => {
    const csv = [
      "\uFEFFdate,name_th,name_en,kind,status,source",
      '2026-12-05,"วันชาติ, วันพ่อแห่งชาติ","National Day, ""Father\'s Day""",public,confirmed,Royal Gazette',
      "2026-01-01,วันขึ้นปีใหม่,New Year's Day,public,confirmed,Royal Gazette",
      "2027-01-01,วันขึ้นปีใหม่,New Year's Day,public,confirmed,",
      "2027-04-13,วันสงกรานต์,Songkran Festival,public,,",
      "",
    ].join("\r\n");
    expect(parseHolidayFile(csv, "csv")).toEqual([
      {
        year: 2026,
        status: "confirmed",
        source: "Royal Gazette",
        holidays: [
          { date: "2026-01-01", nameTh: "วันขึ้นปีใหม่", nameEn: "New Year's Day", kind: "public" },
          {
            date: "2026-12-05",
            nameTh: "วันชาติ, วันพ่อแห่งชาติ",
            nameEn: 'National Day, "Father\'s Day"',
            kind: "public",
          },
        ],
      },
      {
        // One row without "confirmed" keeps the whole year provisional.
        year: 2027,
        status: "provisional",
        source: "",
        holidays: [
          { date: "2027-01-01", nameTh: "วันขึ้นปีใหม่", nameEn: "New Year's Day", kind: "public" },
          { date: "2027-04-13", nameTh: "วันสงกรานต์", nameEn: "Songkran Festival", kind: "public" },
        ],
      },
    ]);
  });

  it("defaults to provisional without a status column", () => {
    const [year] = parseHolidayFile(
      "date,name_th,name_en,kind\n2026-01-01,วันขึ้นปีใหม่,New Year's Day,public\n",
      "csv",
    );
    expect(year?.status).toBe("provisional");
  });

  it("reports every bad row with its line number", () => {
    const csv = [
      "date,name_th,name_en,kind",
      "2026-01-01,วันขึ้นปีใหม่,New Year's Day,public",
      "2026-02-30,วันมาฆบูชา,Makha Bucha Day,public",
      "2026-04-06,วันจักรี,Chakri Memorial Day,public",
      "2026-04-13,วันสงกรานต์,Songkran Festival,national",
    ].join("\n");
    const problems = problemsOf(csv, "csv");
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^line 3: .*2026-02-30/);
    expect(problems[1]).toMatch(/^line 5: kind "national"/);
  });

  it.each([
    [
      "a duplicate date",
      "2026-01-01,ก,A,public\n2026-01-01,ข,B,public",
      /line 3: date 2026-01-01 duplicates line 2/,
    ],
    ["an empty Thai name", '2026-01-01,"  ",A,public', /line 2: Thai name is empty/],
    ["a wrong field count", "2026-01-01,ก,public", /line 2: expected 4 fields, found 3/],
    ["an unterminated quote", '2026-01-01,"ก,A,public', /unterminated quoted field/],
  ])("rejects %s", (_title, rows, problem) => {
    expect(problemsOf(`date,name_th,name_en,kind\n${rows}\n`, "csv").join("\n")).toMatch(problem);
  });

  it("rejects a missing or misspelled column", () => {
    expect(problemsOf("date,name_th,kind,stauts\n", "csv")).toEqual([
      "line 1: missing column name_en",
      'line 1: unknown column "stauts"',
    ]);
  });
});

describe("parseHolidayFile (JSON)", () => {
  const holiday = (date: string) => ({ date, nameTh: "วันหยุด", nameEn: "Holiday", kind: "public" });

  it("reads the documented format", () => {
    const json = JSON.stringify({
      years: [
        { year: 2026, status: "confirmed", source: "Royal Gazette", holidays: [holiday("2026-01-01")] },
      ],
    });
    expect(parseHolidayFile(json, "json")).toEqual([
      { year: 2026, status: "confirmed", source: "Royal Gazette", holidays: [holiday("2026-01-01")] },
    ]);
  });

  it("reports a holiday filed under the wrong year block, with its index", () => {
    const json = JSON.stringify({
      years: [
        {
          year: 2026,
          status: "provisional",
          source: "x",
          holidays: [holiday("2026-12-31"), holiday("2027-01-01")],
        },
        { year: 2027, status: "maybe", source: "x", holidays: [{ ...holiday("2027-04-13"), kind: "bank" }] },
      ],
    });
    expect(problemsOf(json, "json")).toEqual([
      "years[0].holidays[1]: date 2027-01-01 is not in year block 2026",
      'years[1].status: expected one of confirmed, provisional, got "maybe"',
      'years[1].holidays[0]: kind "bank" is not one of public, substitution, special, agency',
    ]);
  });

  it("keeps a special day's own source, and refuses one that is not text", () => {
    const special = { ...holiday("2026-05-13"), kind: "public", source: "สำนักพระราชวัง" };
    const json = (h: unknown) =>
      JSON.stringify({ years: [{ year: 2026, status: "provisional", source: "x", holidays: [h] }] });
    expect(parseHolidayFile(json(special), "json")[0]!.holidays[0]).toEqual(special);
    expect(problemsOf(json({ ...special, source: 5 }), "json")).toEqual([
      "years[0].holidays[0].source: expected a string",
    ]);
  });

  it("reports invalid JSON as a HolidayFileError", () => {
    expect(problemsOf("{ years: ", "json")[0]).toMatch(/^not valid JSON/);
  });
});

describe("shipped holidays", () => {
  const years = loadShippedHolidays();
  const dates = years.flatMap((y) => y.holidays.map((h) => h.date));

  it("loads, validates and contains Songkran 2026", () => {
    expect(years.map((y) => y.year)).toEqual([2026, 2027]);
    expect(dates).toContain("2026-04-13");
  });

  it("ships every year as provisional until an admin confirms it", () => {
    expect(years.every((y) => y.status === "provisional")).toBe(true);
  });

  it("substitution days fall on weekdays and weekend holidays have one on the next weekday", () => {
    for (const { holidays } of years) {
      for (const h of holidays) {
        if (h.kind === "substitution") expect(weekdayOf(h.date), h.date).toBeLessThanOrEqual(5);
      }
    }
    expect(dates).toEqual(expect.arrayContaining(["2026-12-07", "2027-10-25", "2027-12-06"]));
  });
});
