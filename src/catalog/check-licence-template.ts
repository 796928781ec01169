import type { DefinitionProblem } from "./definition-problem.js";
import type { ServiceDefinition } from "./service-definition.js";

type Schema = { type?: unknown; properties?: Record<string, Schema> };

/** The schema at a dotted path of the form (`shopAddress.province`); undefined when a step is missing. */
function schemaAt(d: ServiceDefinition, path: string): Schema | undefined {
  let schema: Schema | undefined = d.form.schema as Schema;
  for (const step of path.split(".")) {
    const properties: Record<string, Schema> | undefined = schema?.properties;
    if (!properties || !Object.hasOwn(properties, step)) return undefined;
    schema = properties[step];
  }
  return schema;
}

/** `{n}` and `{yyyy}` are the only placeholders a licence number knows. */
const PLACEHOLDER = /\{[^}]*\}/g;

/**
 * LC-1, PR-1: every reason the service's licence template could not be printed from its form's answers
 * or would print what it must not, found at publish rather than when an officer issues: a field naming
 * what the form lacks (dotted paths into an object's properties), a value that is an object with no way
 * to show it in one line, duplicate keys (the register's columns), a number without `{n}` or `{yyyy}`
 * (numbers restart each Buddhist-era year, so one without the year would repeat), a validity of zero,
 * a required "valid until" line on a licence valid until revoked, and, when the register displays the licence (s.13), a field of sensitive data or a national ID.
 */
export function checkLicenceTemplate(d: ServiceDefinition): DefinitionProblem[] {
  const template = d.licence;
  if (!template) return [];
  const problems: DefinitionProblem[] = [];
  const add = (rule: DefinitionProblem["rule"], path: string, detail = "") =>
    problems.push({ rule, path: `/licence${path}`, detail });
  const placeholders: string[] = template.numberFormat.match(PLACEHOLDER) ?? [];
  if (
    !placeholders.includes("{n}") ||
    !placeholders.includes("{yyyy}") ||
    placeholders.some((p) => p !== "{n}" && p !== "{yyyy}")
  )
    add("licence-number-format", "/numberFormat", template.numberFormat);
  const v = template.validity;
  if (v && !(v.years ?? 0) && !(v.months ?? 0) && !(v.days ?? 0))
    add("licence-validity-zero", "/validity", JSON.stringify(v));
  const keys = new Set<string>();
  template.fields.forEach((field, i) => {
    if (keys.has(field.key)) add("licence-field-key-duplicate", `/fields/${i}/key`, field.key);
    keys.add(field.key);
    // A licence valid until revoked has no last day to print: its issuing would stop at this line.
    if ("licence" in field.source && field.source.licence === "validUntil" && !v && !field.optional)
      add("licence-field-no-validity", `/fields/${i}/source/licence`, field.key);
    if (!("form" in field.source)) return;
    const path = field.source.form;
    const at = `/fields/${i}/source/form`;
    const schema = schemaAt(d, path);
    if (!schema) {
      add("licence-field-unknown", at, path);
      return;
    }
    const [top] = path.split(".") as [string];
    const ui = d.form.ui.fields[top];
    // An address object is shown in one line as the form shows it; any other object has no such line.
    if (schema.type === "object" && (path.includes(".") || ui?.widget !== "thai-address"))
      add("licence-field-not-printable", at, path);
    // PR-1, s.13: what the licence prints is shown to anyone in the public register.
    if (d.displaysLicence && ui?.dataClass === "sensitive") add("licence-field-sensitive", at, path);
    if (d.displaysLicence && ui?.widget === "national-id") add("licence-field-national-id", at, path);
  });
  return problems;
}
