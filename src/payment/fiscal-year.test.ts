import { describe, expect, it } from "vitest";
import { fiscalYearStart, thaiFiscalYear } from "./fiscal-year.js";
import { formatBaht, toSatang } from "./money.js";
import { formatRef1, isWellFormedRef1, luhnDigit } from "./payment-counters.js";

describe("the Thai fiscal year (PY-5)", () => {
  it("PY-5: 30 September belongs to the year ending then, 1 October (Bangkok) opens the next", () => {
    expect(thaiFiscalYear(new Date("2026-09-30T16:59:59Z"), "Asia/Bangkok")).toBe(2569);
    expect(thaiFiscalYear(new Date("2026-09-30T17:00:00Z"), "Asia/Bangkok")).toBe(2570);
    expect(fiscalYearStart(2570, "Asia/Bangkok").toISOString()).toBe("2026-09-30T17:00:00.000Z");
  });
});

describe("Ref1 and money", () => {
  it("PY-1: a Ref1 carries a check digit that catches one wrong digit", () => {
    const ref1 = formatRef1(2570, 123);
    expect(ref1).toBe(`7000000123${luhnDigit("7000000123")}`);
    expect(isWellFormedRef1(ref1)).toBe(true);
    for (let i = 0; i < 11; i++) {
      const wrong = ref1.slice(0, i) + String((Number(ref1[i]) + 1) % 10) + ref1.slice(i + 1);
      expect(isWellFormedRef1(wrong)).toBe(false);
    }
  });

  it("amounts are exact satang", () => {
    expect(toSatang("1,250.50")).toBe(125_050);
    expect(toSatang(0.1 + 0.2)).toBe(30);
    expect(toSatang("12.345")).toBeUndefined();
    expect(toSatang("-1")).toBeUndefined();
    expect(formatBaht(125_050)).toBe("1,250.50");
  });
});
