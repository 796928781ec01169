/**
 * One reason a service file is refused: a stable rule id, the JSON Pointer of what is wrong, and a
 * detail (the schema's message, the duplicate id…). Shown as `serviceRule.<rule>` in the catalogues.
 */
export interface DefinitionProblem {
  rule: DefinitionRule;
  path: string;
  detail: string;
  /** The reason in both languages when the check that found it words its own (the form's checks). */
  message?: { th: string; en: string };
}

export const DEFINITION_RULES = [
  // The file itself
  "json",
  "schema",
  // CM-1: the s.7 minimum of a citizen manual, and "no fee" / "no documents" said explicitly (CM-2)
  "name-empty",
  "conditions-empty",
  "steps-empty",
  "documents-unstated",
  "documents-contradict",
  "fees-unstated",
  "fees-contradict",
  // Identifiers and applicants
  "document-id-invalid",
  "document-id-duplicate",
  "applicant-types-empty",
  // ID-1: the risk level is at least the highest impact
  "risk-below-impact",
  // The form (FM-1): any problem the forms capability's check reports, with its own message
  "form",
  // #14 fees (PY-1): a fee the form's answers could not compute
  "fee-field-unknown",
  "fee-field-not-number",
  "fee-percent-without-base",
  "fee-tiers-order",
  "fee-formula-invalid",
  "fee-formula-function",
  "fee-formula-not-an-amount",
  // #15 template (LC-1, PR-1): a licence template that could not be printed, or would print what it must not
  "licence-number-format",
  "licence-validity-zero",
  "licence-field-no-validity",
  "licence-field-key-duplicate",
  "licence-field-unknown",
  "licence-field-not-printable",
  "licence-field-sensitive",
  "licence-field-national-id",
] as const;

export type DefinitionRule = (typeof DEFINITION_RULES)[number];
