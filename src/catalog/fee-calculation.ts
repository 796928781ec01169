import { exactSatang } from "./exact-satang.js";
import { compileFormula, isFormulaProblem } from "./fee-formula.js";
import type { Fee, FeeCalculation, FeeKind, FeeTier, ServiceDefinition, Text } from "./service-definition.js";

/** One fee as computed for an application: what it is for, how much in satang, and how it was reached. */
export interface FeeLine {
  /** The fee's index in the definition. */
  fee: number;
  kind: FeeKind;
  detail: Text;
  amountSatang: number;
  /** How the amount was reached, in Thai for the notice (e.g. "120 ตร.ม. × 10.00 บาท"). */
  basis?: string;
}

/** Why a fee cannot be computed from these answers; the officer sees it rather than a wrong amount. */
export type FeeFailureReason =
  | "answer-missing"
  | "answer-negative"
  | "above-tiers"
  | "formula"
  | "not-an-amount";

export interface FeeFailure {
  fee: number;
  detail: Text;
  reason: FeeFailureReason;
  /** The field whose answer is missing or negative, or the formula's problem. */
  about?: string;
}

export type FeeResult =
  | { ok: true; lines: FeeLine[]; totalSatang: number }
  | { ok: false; lines: FeeLine[]; failures: FeeFailure[] };

/** The calculation a fee stands for: absent means its `amount` in baht (a percent fee without one cannot). */
export const calculationOf = (fee: Fee): FeeCalculation | undefined =>
  fee.calculation ?? (fee.unit === "baht" ? { type: "fixed", amount: fee.amount } : undefined);

const number = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 6 });
const baht = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// A rate is shown as exact as it is computed with (0.005 baht per unit is not 0.01).
const rate = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 6 });

/** The tier an answer falls in: the first whose `upTo` is at least the answer (null: and above). */
export function tierOf(tiers: readonly FeeTier[], answer: number): number {
  return tiers.findIndex((t) => t.upTo === null || answer <= t.upTo);
}

/** A tier's range as people read it, e.g. "เกิน 200 ถึง 300 ตร.ม." / "over 200 to 300 m²". */
export function tierRange(tiers: readonly FeeTier[], index: number, unit: Text | undefined): Required<Text> {
  const u = { th: unit?.th ? ` ${unit.th}` : "", en: unit?.en || unit?.th ? ` ${unit.en || unit.th}` : "" };
  const upTo = tiers[index]?.upTo ?? null;
  const from = index > 0 ? (tiers[index - 1]?.upTo ?? null) : null;
  if (from === null && upTo !== null)
    return { th: `ไม่เกิน ${number(upTo)}${u.th}`, en: `up to ${number(upTo)}${u.en}` };
  if (upTo === null) return { th: `เกิน ${number(from ?? 0)}${u.th}`, en: `over ${number(from ?? 0)}${u.en}` };
  return {
    th: `เกิน ${number(from ?? 0)} ถึง ${number(upTo)}${u.th}`,
    en: `over ${number(from ?? 0)} to ${number(upTo)}${u.en}`,
  };
}

type Computed = { amountSatang: number | undefined; basis?: string } | Omit<FeeFailure, "fee" | "detail">;

function answerOf(
  answers: Record<string, unknown>,
  field: string,
): number | Omit<FeeFailure, "fee" | "detail"> {
  const value = answers[field];
  if (typeof value !== "number" || !Number.isFinite(value)) return { reason: "answer-missing", about: field };
  if (value < 0) return { reason: "answer-negative", about: field };
  return value;
}

function compute(fee: Fee, answers: Record<string, unknown>): Computed {
  const c = calculationOf(fee);
  if (!c) return { reason: "not-an-amount", about: "percent" };
  if (c.type === "fixed") return { amountSatang: exactSatang([c.amount], "baht") };
  if (c.type === "formula") {
    const formula = compileFormula(c.expression);
    if (isFormulaProblem(formula)) return { reason: "formula", about: formula.reason };
    const values: Record<string, number> = {};
    for (const field of formula.fields) {
      const answer = answerOf(answers, field);
      if (typeof answer !== "number") return answer;
      values[field] = answer;
    }
    const result = formula.evaluate(values);
    if (result === undefined || !Number.isFinite(result)) return { reason: "formula", about: "not-a-number" };
    const given = formula.fields.map((f) => `${f} = ${number(values[f] ?? 0)}`).join(", ");
    return {
      amountSatang: exactSatang([result], "baht"),
      basis: `${c.expression}${given ? ` (${given})` : ""}`,
    };
  }
  const answer = answerOf(answers, c.field);
  if (typeof answer !== "number") return answer;
  if (c.type === "per-unit")
    return {
      amountSatang: exactSatang([answer, c.rate], "baht"),
      basis: `${number(answer)} ${c.unit.th} × ${rate(c.rate)} บาท`,
    };
  if (c.type === "percent")
    return {
      // PY-1: a percentage of a base in baht: base × percent / 100 baht is base × percent satang.
      amountSatang: exactSatang([answer, fee.amount], "satang"),
      basis: `ร้อยละ ${number(fee.amount)} ของ ${baht(answer)} บาท`,
    };
  const index = tierOf(c.tiers, answer);
  const tier = c.tiers[index];
  if (!tier) return { reason: "above-tiers", about: c.field };
  const unit = c.unit?.th ? ` ${c.unit.th}` : "";
  return {
    amountSatang: exactSatang([tier.amount], "baht"),
    basis: `${number(answer)}${unit} (ช่วง${tierRange(c.tiers, index, c.unit).th})`,
  };
}

/** Whether a fee applies to these answers: to all, or only when its `appliesWhen` field has that answer. */
export const feeApplies = (fee: Fee, answers: Record<string, unknown>): boolean =>
  !fee.appliesWhen || answers[fee.appliesWhen.field] === fee.appliesWhen.equals;

/**
 * PY-1: the fees of `definition` asked at `stage` for an application with `answers`, each in exact
 * satang (rounded half-up to the satang), or every fee that cannot be computed and why — never a guess.
 */
export function calculateFees(
  definition: ServiceDefinition,
  answers: Record<string, unknown>,
  stage: Fee["when"] = "on-approval",
): FeeResult {
  if (definition.noFee) return { ok: true, lines: [], totalSatang: 0 };
  const lines: FeeLine[] = [];
  const failures: FeeFailure[] = [];
  definition.fees.forEach((fee, index) => {
    if ((fee.when ?? "on-approval") !== stage || !feeApplies(fee, answers)) return;
    const computed = compute(fee, answers);
    if ("reason" in computed) failures.push({ fee: index, detail: fee.detail, ...computed });
    else if (computed.amountSatang === undefined || computed.amountSatang < 0)
      failures.push({ fee: index, detail: fee.detail, reason: "not-an-amount" });
    else if (computed.amountSatang > 0)
      lines.push({
        fee: index,
        kind: fee.kind ?? "licence_fee",
        detail: fee.detail,
        amountSatang: computed.amountSatang,
        ...(computed.basis ? { basis: computed.basis } : {}),
      });
  });
  if (failures.length > 0) return { ok: false, lines, failures };
  return { ok: true, lines, totalSatang: lines.reduce((sum, l) => sum + l.amountSatang, 0) };
}
