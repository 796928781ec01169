import type { DefinitionProblem } from "./definition-problem.js";
import { calculationOf } from "./fee-calculation.js";
import { compileFormula, isFormulaProblem } from "./fee-formula.js";
import type { Fee, ServiceDefinition } from "./service-definition.js";

type FieldSchema = { type?: unknown; minimum?: unknown; exclusiveMinimum?: unknown; maximum?: unknown };

const propertiesOf = (d: ServiceDefinition): Record<string, FieldSchema> =>
  (d.form.schema.properties as Record<string, FieldSchema> | undefined) ?? {};
const isNumberField = (s: FieldSchema | undefined) => s?.type === "number" || s?.type === "integer";
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Answers a formula is tried with at publish: each of its fields at its least, 1, 10, 1,000 and its most
 * (within the schema's bounds), so a formula that goes negative or divides by zero is caught before an
 * applicant meets it.
 */
function probes(fields: string[], schemas: Record<string, FieldSchema>): Record<string, number>[] {
  const points = (s: FieldSchema | undefined) => {
    const low = finite(s?.minimum) ? s.minimum : finite(s?.exclusiveMinimum) ? s.exclusiveMinimum + 1 : 0;
    const high = finite(s?.maximum) ? s.maximum : 1_000_000;
    return [low, 1, 10, 1000, high].filter((v) => v >= low && v <= high);
  };
  return [0, 1, 2, 3, 4].map((i) =>
    Object.fromEntries(fields.map((f) => [f, points(schemas[f])[i] ?? points(schemas[f])[0] ?? 0])),
  );
}

function checkFee(fee: Fee, path: string, d: ServiceDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (rule: DefinitionProblem["rule"], at: string, detail = "") =>
    problems.push({ rule, path: `${path}${at}`, detail });
  const schemas = propertiesOf(d);
  const numberField = (field: string, at: string) => {
    if (!(field in schemas)) add("fee-field-unknown", at, field);
    else if (!isNumberField(schemas[field])) add("fee-field-not-number", at, field);
  };
  if (fee.appliesWhen && !(fee.appliesWhen.field in schemas))
    add("fee-field-unknown", "/appliesWhen/field", fee.appliesWhen.field);
  const c = calculationOf(fee);
  // PY-1: a percentage of nothing cannot be computed; the fee names the answer it is a percentage of.
  if (!c) return [...problems, { rule: "fee-percent-without-base", path: `${path}/calculation`, detail: "" }];
  if ((c.type === "percent") !== (fee.unit === "percent")) add("fee-percent-without-base", "/unit", fee.unit);
  if (c.type === "per-unit" || c.type === "percent") numberField(c.field, "/calculation/field");
  if (c.type === "tiered") {
    numberField(c.field, "/calculation/field");
    c.tiers.forEach((tier, i) => {
      const previous = c.tiers[i - 1]?.upTo;
      const last = i === c.tiers.length - 1;
      if ((tier.upTo === null && !last) || (previous != null && tier.upTo !== null && tier.upTo <= previous))
        add("fee-tiers-order", `/calculation/tiers/${i}/upTo`, String(tier.upTo));
    });
  }
  if (c.type === "formula") {
    const formula = compileFormula(c.expression);
    if (isFormulaProblem(formula)) {
      add(
        formula.reason === "function" ? "fee-formula-function" : "fee-formula-invalid",
        "/calculation/expression",
        formula.detail,
      );
      return problems;
    }
    for (const f of formula.fields) numberField(f, "/calculation/expression");
    if (problems.length > 0) return problems;
    const bad = probes(formula.fields, schemas).find((answers) => {
      const value = formula.evaluate(answers);
      return value === undefined || !Number.isFinite(value) || value < 0 || value > 1e9;
    });
    if (bad) add("fee-formula-not-an-amount", "/calculation/expression", JSON.stringify(bad));
  }
  return problems;
}

/** PY-1: every reason the fees of `d` could not be computed from its form's answers. */
export function checkFees(d: ServiceDefinition): DefinitionProblem[] {
  return d.fees.flatMap((fee, i) => checkFee(fee, `/fees/${i}`, d));
}
