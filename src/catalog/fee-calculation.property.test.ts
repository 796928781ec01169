import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { calculateFees } from "./fee-calculation.js";
import type { Fee, FeeTier, ServiceDefinition } from "./service-definition.js";
import { checkDefinition } from "./validate-definition.js";

const detail = { th: "ค่าธรรมเนียม" };

/** TEST_SERVICE with one number field `a` (answers 0–10,000.00) and these fees. */
function definitionWith(fees: Fee[]): ServiceDefinition {
  const d = structuredClone(TEST_SERVICE);
  (d.form.schema.properties as Record<string, unknown>).a = { type: "number", minimum: 0, maximum: 10000 };
  d.form.ui.pages[0]?.fields.push("a");
  d.form.ui.fields.a = { label: { th: "ก" }, lawfulBasis: "public-task", dataClass: "general" };
  d.fees = fees;
  return d;
}

const satang = fc.integer({ min: 0, max: 10_000_000 });
const hundredths = fc.integer({ min: 0, max: 1_000_000 });
const tiers: fc.Arbitrary<FeeTier[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 })
  .chain((bounds) =>
    fc.array(satang, { minLength: bounds.length + 1, maxLength: bounds.length + 1 }).map((amounts) => {
      const sorted = [...amounts].sort((x, y) => x - y);
      return [
        ...[...bounds].sort((x, y) => x - y).map((upTo, i) => ({ upTo, amount: (sorted[i] ?? 0) / 100 })),
        { upTo: null, amount: (sorted[bounds.length] ?? 0) / 100 },
      ];
    }),
  );

/** A formula and the same computation written in JS over whole numbers, in satang. */
const formula = fc
  .record({ k: fc.integer({ min: 0, max: 1000 }), c: fc.integer({ min: 0, max: 100_000 }), shape: fc.nat(3) })
  .map(({ k, c, shape }) => {
    const m = Math.max(k, 1);
    const shapes = [
      { expression: `a * ${k} + ${c}`, reference: (a: number) => (a * k + c) * 100 },
      { expression: `max(${c}, a * ${k})`, reference: (a: number) => Math.max(c, a * k) * 100 },
      { expression: `ceil(a / ${m}) * ${c}`, reference: (a: number) => Math.ceil(a / m) * c * 100 },
      { expression: `a * 0.25 + min(${c}, ${k})`, reference: (a: number) => a * 25 + Math.min(c, k) * 100 },
    ] as const;
    return shapes[shape] ?? shapes[0];
  });

const anyFee: fc.Arbitrary<Fee> = fc.oneof(
  satang.map((s) => ({ detail, amount: s / 100, unit: "baht" as const })),
  satang.map((s) => ({
    detail,
    amount: 0,
    unit: "baht" as const,
    calculation: { type: "fixed" as const, amount: s / 100 },
  })),
  satang.map((s) => ({
    detail,
    amount: 0,
    unit: "baht" as const,
    calculation: { type: "per-unit" as const, field: "a", rate: s / 100, unit: { th: "หน่วย" } },
  })),
  tiers.map((t) => ({
    detail,
    amount: 0,
    unit: "baht" as const,
    calculation: { type: "tiered" as const, field: "a", tiers: t },
  })),
  formula.map((f) => ({
    detail,
    amount: 0,
    unit: "baht" as const,
    calculation: { type: "formula" as const, expression: f.expression },
  })),
  fc.integer({ min: 0, max: 10_000 }).map((p) => ({
    detail,
    amount: p / 100,
    unit: "percent" as const,
    calculation: { type: "percent" as const, field: "a" },
  })),
);

const RUNS = { seed: 1414, numRuns: 200 };

describe("PY-1: fee computation over random definitions and answers", () => {
  it("PY-1: every generated definition publishes; the total is the sum of its lines, each a whole, non-negative satang", () => {
    fc.assert(
      fc.property(fc.array(anyFee, { minLength: 1, maxLength: 6 }), hundredths, (fees, a) => {
        const d = definitionWith(fees);
        expect(checkDefinition(d)).toEqual([]);
        const result = calculateFees(d, { a: a / 100 });
        if (!result.ok) throw new Error(JSON.stringify(result.failures));
        for (const line of result.lines) {
          expect(Number.isSafeInteger(line.amountSatang)).toBe(true);
          expect(line.amountSatang).toBeGreaterThan(0);
        }
        expect(result.totalSatang).toBe(result.lines.reduce((s, l) => s + l.amountSatang, 0));
      }),
      RUNS,
    );
  });

  it("PY-1: a tiered fee whose tiers rise never asks less for a larger answer", () => {
    fc.assert(
      fc.property(tiers, hundredths, hundredths, (t, x, y) => {
        const d = definitionWith([
          { detail, amount: 0, unit: "baht", calculation: { type: "tiered", field: "a", tiers: t } },
        ]);
        const total = (a: number) => {
          const r = calculateFees(d, { a: a / 100 });
          return r.ok ? r.totalSatang : Number.NaN;
        };
        expect(total(Math.min(x, y))).toBeLessThanOrEqual(total(Math.max(x, y)));
      }),
      RUNS,
    );
  });

  it("PY-1: per-unit fees round half-up to the satang, exactly as integer arithmetic does", () => {
    fc.assert(
      fc.property(hundredths, fc.integer({ min: 0, max: 100_000 }), (a, rateSatang) => {
        const d = definitionWith([
          {
            detail,
            amount: 0,
            unit: "baht",
            calculation: { type: "per-unit", field: "a", rate: rateSatang / 100, unit: { th: "หน่วย" } },
          },
        ]);
        const r = calculateFees(d, { a: a / 100 });
        // (a/100) × (rate/100 baht) = a × rate / 100 satang, half-up.
        expect(r.ok && r.totalSatang).toBe(Math.floor((a * rateSatang * 2 + 100) / 200));
      }),
      RUNS,
    );
  });

  it("PY-1: a formula's amount is the reference computation of the same expression", () => {
    fc.assert(
      fc.property(formula, fc.integer({ min: 0, max: 10_000 }), (f, a) => {
        const d = definitionWith([
          { detail, amount: 0, unit: "baht", calculation: { type: "formula", expression: f.expression } },
        ]);
        const r = calculateFees(d, { a });
        expect(r.ok && r.totalSatang).toBe(f.reference(a));
      }),
      RUNS,
    );
  });
});
