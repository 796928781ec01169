import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { AppError } from "../platform/errors.js";
import { checkFees } from "./check-fees.js";
import { checkForm } from "./check-form.js";
import { checkLicenceTemplate } from "./check-licence-template.js";
import type { DefinitionProblem } from "./definition-problem.js";
import { IMPACT_CATEGORIES, type RiskLevel, type ServiceDefinition } from "./service-definition.js";
import { CODE_PATTERN, SERVICE_DEFINITION_SCHEMA } from "./service-definition.schema.js";

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
const matchesSchema = ajv.compile<ServiceDefinition>(SERVICE_DEFINITION_SCHEMA);
const CODE = new RegExp(CODE_PATTERN);
const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };
const blank = (s: string | undefined) => (s ?? "").trim() === "";

/** Every reason `input` cannot be published, in file order; none when it can. */
export function checkDefinition(input: unknown): DefinitionProblem[] {
  if (!matchesSchema(input))
    return (matchesSchema.errors ?? []).slice(0, 20).map((e) => ({
      rule: "schema",
      path: e.instancePath || "/",
      detail: `${e.message ?? ""}${e.params && "additionalProperty" in e.params ? `: ${e.params.additionalProperty}` : ""}`,
    }));
  const d = input;
  const problems: DefinitionProblem[] = [];
  const add = (rule: DefinitionProblem["rule"], path: string, detail = "") =>
    problems.push({ rule, path, detail });
  if (blank(d.name.th)) add("name-empty", "/name/th");
  // CM-1 (LFA s.7): criteria, steps and documents are the manual's minimum; fees and documents are never
  // left blank, "no fee" / "no documents" is said (CM-2).
  if (blank(d.conditions.th)) add("conditions-empty", "/conditions/th");
  if (d.steps.length === 0) add("steps-empty", "/steps");
  if (d.documents.length === 0 && !d.noDocuments) add("documents-unstated", "/documents");
  if (d.documents.length > 0 && d.noDocuments) add("documents-contradict", "/noDocuments");
  if (d.fees.length === 0 && !d.noFee) add("fees-unstated", "/fees");
  if (d.fees.length > 0 && d.noFee) add("fees-contradict", "/noFee");
  const ids = new Set<string>();
  d.documents.forEach((doc, i) => {
    if (!CODE.test(doc.id)) add("document-id-invalid", `/documents/${i}/id`, doc.id);
    else if (ids.has(doc.id)) add("document-id-duplicate", `/documents/${i}/id`, doc.id);
    ids.add(doc.id);
  });
  if (d.applicantTypes.length === 0) add("applicant-types-empty", "/applicantTypes");
  // ID-1: a service is as risky as its worst impact in the six categories.
  const worst = IMPACT_CATEGORIES.find((c) => RANK[d.risk.impacts[c]] > RANK[d.risk.level]);
  if (worst) add("risk-below-impact", "/risk/level", `${worst}: ${d.risk.impacts[worst]}`);
  problems.push(
    ...checkForm(
      d.form,
      d.documents.map((doc) => doc.id),
    ),
  );
  // PY-1: a fee that names a field or a formula is checked against the form it computes from.
  problems.push(...checkFees(d));
  // #15 LC-1: the licence is checked against the form it prints from.
  problems.push(...checkLicenceTemplate(d));
  return problems;
}

/**
 * The service definition `input`, checked: the schema of the format, then the rules a schema cannot say.
 * @throws AppError SERVICE_DEFINITION_INVALID (422) naming the first problem's rule and path; `details`
 *   lists every problem.
 */
export function validateDefinition(input: unknown): ServiceDefinition {
  const problems = checkDefinition(input);
  const first = problems[0];
  if (first)
    throw new AppError(
      "SERVICE_DEFINITION_INVALID",
      { rule: first.rule, path: first.path, detail: first.detail },
      { problems },
    );
  return input as ServiceDefinition;
}

/**
 * A service file's text as a checked definition.
 * @throws AppError SERVICE_DEFINITION_INVALID (rule `json` when it is not JSON at all)
 */
export function parseDefinition(text: string): ServiceDefinition {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : "";
    const problems: DefinitionProblem[] = [{ rule: "json", path: "/", detail }];
    throw new AppError("SERVICE_DEFINITION_INVALID", { rule: "json", path: "/", detail }, { problems });
  }
  return validateDefinition(input);
}

/** The problems an AppError from this module carries (empty for any other error). */
export function problemsOf(error: unknown): DefinitionProblem[] {
  if (!(error instanceof AppError) || error.code !== "SERVICE_DEFINITION_INVALID") return [];
  return (error.details as { problems?: DefinitionProblem[] } | undefined)?.problems ?? [];
}
