import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { computeFees } from "../payment/index.js";
import { AppError } from "../platform/errors.js";
import { loadDemoServices } from "./demo-services.js";
import { calculateFees } from "./fee-calculation.js";
import type { Fee, ServiceDefinition } from "./service-definition.js";
import { checkDefinition } from "./validate-definition.js";

/** TEST_SERVICE with number fields `area` (m²), `staff` (integer) and `value` (baht), and these fees. */
function withFees(...fees: Fee[]): ServiceDefinition {
  const d = structuredClone(TEST_SERVICE);
  const properties = d.form.schema.properties as Record<string, unknown>;
  properties.area = { type: "number", minimum: 0, maximum: 100000 };
  properties.staff = { type: "integer", minimum: 0, maximum: 1000 };
  properties.value = { type: "number", minimum: 0, maximum: 1e9 };
  d.form.ui.pages[0]?.fields.push("area", "staff", "value");
  for (const [name, th] of [
    ["area", "พื้นที่"],
    ["staff", "จำนวนพนักงาน"],
    ["value", "มูลค่า"],
  ] as const)
    d.form.ui.fields[name] = { label: { th }, lawfulBasis: "public-task", dataClass: "general" };
  d.fees = fees;
  return d;
}

const fee = (calculation: Fee["calculation"], more: Partial<Fee> = {}): Fee => ({
  detail: { th: "ค่าธรรมเนียม" },
  amount: 0,
  unit: "baht",
  calculation,
  ...more,
});
const rulesOf = (d: ServiceDefinition) => checkDefinition(d).map((p) => `${p.rule} ${p.path}`);
const TIERS = [
  { upTo: 50, amount: 500 },
  { upTo: 200, amount: 1000 },
  { upTo: null, amount: 2000 },
];

describe("PY-1: structured fees are checked against the form at publish", () => {
  it("PY-1: each kind of calculation over number fields is accepted, as are today's plain fees", () => {
    const d = withFees(
      { detail: { th: "ค่าคำขอ" }, amount: 20, unit: "baht", kind: "application_fee" },
      fee({ type: "fixed", amount: 100 }, { kind: "fine", when: "on-approval" }),
      fee({ type: "per-unit", field: "area", rate: 10, unit: { th: "ตร.ม.", en: "m²" } }),
      fee({ type: "tiered", field: "staff", tiers: TIERS }),
      fee({ type: "formula", expression: "max(100, ceil(area / 10) * 5) + staff * 2" }),
      fee({ type: "percent", field: "value" }, { unit: "percent", amount: 0.5 }),
      fee({ type: "fixed", amount: 50 }, { appliesWhen: { field: "hasBranch", equals: "yes" } }),
    );
    expect(rulesOf(d)).toEqual([]);
    expect(
      rulesOf(loadDemoServices().find((s) => s.code === "food-shop-licence") as ServiceDefinition),
    ).toEqual([]);
  });

  it("PY-1: a field that is not in the form, or not a number, is a definition problem", () => {
    expect(
      rulesOf(
        withFees(
          fee({ type: "per-unit", field: "floor", rate: 1, unit: { th: "ตร.ม." } }),
          fee({ type: "tiered", field: "shopName", tiers: TIERS }),
          fee({ type: "fixed", amount: 1 }, { appliesWhen: { field: "colour", equals: 1 } }),
        ),
      ),
    ).toEqual([
      "fee-field-unknown /fees/0/calculation/field",
      "fee-field-not-number /fees/1/calculation/field",
      "fee-field-unknown /fees/2/appliesWhen/field",
    ]);
  });

  it("PY-1: a percent fee needs the base it is a percentage of; a percent calculation needs a percent fee", () => {
    expect(rulesOf(withFees({ detail: { th: "ร้อยละ" }, amount: 2, unit: "percent" }))).toEqual([
      "fee-percent-without-base /fees/0/calculation",
    ]);
    expect(rulesOf(withFees(fee({ type: "percent", field: "value" })))).toEqual([
      "fee-percent-without-base /fees/0/unit",
    ]);
  });

  it("PY-1: tiers out of order, or open-ended before the last, are refused", () => {
    const tiers = [
      { upTo: 200, amount: 1 },
      { upTo: 100, amount: 2 },
      { upTo: null, amount: 3 },
      { upTo: 500, amount: 4 },
    ];
    expect(rulesOf(withFees(fee({ type: "tiered", field: "area", tiers })))).toEqual([
      "fee-tiers-order /fees/0/calculation/tiers/1/upTo",
      "fee-tiers-order /fees/0/calculation/tiers/2/upTo",
    ]);
  });

  it("PY-1: a formula that does not compile, calls a function not allowed, names an unknown field or goes negative is refused", () => {
    const rules = (expression: string) =>
      rulesOf(withFees(fee({ type: "formula", expression }))).map((r) => r.split(" ")[0]);
    expect(rules("area * ")).toEqual(["fee-formula-invalid"]);
    expect(rules("sqrt(area)")).toEqual(["fee-formula-function"]);
    expect(rules('area + "1"')).toEqual(["fee-formula-invalid"]);
    expect(rules("floor + 1")).toEqual(["fee-field-unknown"]);
    expect(rules("shopName * 2")).toEqual(["fee-field-not-number"]);
    expect(rules("area - 100")).toEqual(["fee-formula-not-an-amount"]);
    expect(rules("1000 / staff")).toEqual(["fee-formula-not-an-amount"]);
    expect(rules("area > 10")).toEqual(["fee-formula-not-an-amount"]);
  });

  it("PY-1: a calculation of the wrong shape is a schema problem, not a crash", () => {
    const d = withFees(fee({ type: "tiered", field: "area" } as unknown as Fee["calculation"]));
    expect(rulesOf(d).every((r) => r.startsWith("schema"))).toBe(true);
    expect(rulesOf(d).length).toBeGreaterThan(0);
  });
});

describe("PY-1: fees computed from the answers in exact satang", () => {
  const lines = (d: ServiceDefinition, answers: Record<string, unknown>) => {
    const result = calculateFees(d, answers);
    if (!result.ok) throw new Error(JSON.stringify(result.failures));
    return result.lines.map((l) => [l.amountSatang, l.basis ?? ""]);
  };

  it.each([
    [fee({ type: "fixed", amount: 1250.5 }), {}, 125050, ""],
    [
      fee({ type: "per-unit", field: "area", rate: 10, unit: { th: "ตร.ม." } }),
      { area: 120 },
      120000,
      "120 ตร.ม. × 10.00 บาท",
    ],
    // 0.5 satang rounds up; 1.005 is read as the decimal it is, not 1.00499…
    [
      fee({ type: "per-unit", field: "area", rate: 0.15, unit: { th: "ตร.ม." } }),
      { area: 10.1 },
      152,
      "10.1 ตร.ม. × 0.15 บาท",
    ],
    [
      fee({ type: "per-unit", field: "area", rate: 1.005, unit: { th: "ตร.ม." } }),
      { area: 1 },
      101,
      "1 ตร.ม. × 1.005 บาท",
    ],
    [
      fee({ type: "tiered", field: "area", tiers: TIERS, unit: { th: "ตร.ม." } }),
      { area: 50 },
      50000,
      "50 ตร.ม. (ช่วงไม่เกิน 50 ตร.ม.)",
    ],
    [
      fee({ type: "tiered", field: "area", tiers: TIERS, unit: { th: "ตร.ม." } }),
      { area: 50.01 },
      100000,
      "50.01 ตร.ม. (ช่วงเกิน 50 ถึง 200 ตร.ม.)",
    ],
    [
      fee({ type: "tiered", field: "area", tiers: TIERS, unit: { th: "ตร.ม." } }),
      { area: 201 },
      200000,
      "201 ตร.ม. (ช่วงเกิน 200 ตร.ม.)",
    ],
    [
      fee({ type: "formula", expression: "max(100, ceil(area / 10) * 5)" }),
      { area: 333 },
      17000,
      "max(100, ceil(area / 10) * 5) (area = 333)",
    ],
    [fee({ type: "formula", expression: "area * 0.333" }), { area: 1 }, 33, "area * 0.333 (area = 1)"],
    [
      fee({ type: "percent", field: "value" }, { unit: "percent", amount: 0.5 }),
      { value: 12345.67 },
      6173,
      "ร้อยละ 0.5 ของ 12,345.67 บาท",
    ],
  ] as const)("PY-1: %j with %j is %i satang", (f, answers, satang, basis) => {
    expect(lines(withFees(f), answers)).toEqual([[satang, basis]]);
  });

  it("PY-1: a fee applies only when its appliesWhen answer is given; the total is the sum of the lines", () => {
    const d = withFees(
      fee({ type: "fixed", amount: 100 }),
      fee(
        { type: "fixed", amount: 50 },
        { appliesWhen: { field: "hasBranch", equals: "yes" }, kind: "application_fee" },
      ),
    );
    expect(calculateFees(d, { hasBranch: "no" })).toMatchObject({ ok: true, totalSatang: 10000 });
    const both = calculateFees(d, { hasBranch: "yes" });
    expect(both).toMatchObject({ ok: true, totalSatang: 15000 });
    expect(both.lines.map((l) => l.kind)).toEqual(["licence_fee", "application_fee"]);
  });

  it("PY-1: a missing or negative answer is a failure the officer sees, never a wrong amount", () => {
    const d = withFees(
      fee({ type: "per-unit", field: "area", rate: 10, unit: { th: "ตร.ม." } }),
      fee({ type: "tiered", field: "staff", tiers: [{ upTo: 10, amount: 1 }] }),
    );
    expect(calculateFees(d, { staff: 11 })).toMatchObject({
      ok: false,
      failures: [
        { fee: 0, reason: "answer-missing", about: "area" },
        { fee: 1, reason: "above-tiers", about: "staff" },
      ],
    });
    expect(calculateFees(d, { area: -1, staff: 1 })).toMatchObject({
      ok: false,
      failures: [{ reason: "answer-negative" }],
    });
    expect(calculateFees(d, { area: "120", staff: 1 })).toMatchObject({
      ok: false,
      failures: [{ reason: "answer-missing" }],
    });
    const error = (() => {
      try {
        computeFees(d, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FEE_NOT_COMPUTABLE");
  });

  it("PY-1: TEST_SERVICE keeps its fixed 100 baht; noFee asks nothing", () => {
    expect(computeFees(TEST_SERVICE, {})).toEqual([
      { detail: TEST_SERVICE.fees[0]?.detail, amountSatang: 10000 },
    ]);
    expect(computeFees({ ...TEST_SERVICE, fees: [], noFee: true }, {})).toEqual([]);
  });
});
