import type { LicenceTemplate, ServiceDefinition } from "../catalog/index.js";
import { showAnswer } from "../forms/index.js";
import { AppError } from "../platform/errors.js";
import { formatDate } from "../platform/i18n/format.js";
import type { PrintedField } from "./licence.js";

export interface LicenceFacts {
  answers: Record<string, unknown>;
  applicantName: string;
  /** YYYY-MM-DD, printed as a Buddhist-era date. */
  issuedOn: string;
  validUntil: string | null;
}

/** An answer at a dotted path (`shopAddress.province`); undefined when any step is missing. */
function answerAt(answers: Record<string, unknown>, path: string): unknown {
  let value: unknown = answers;
  for (const step of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/**
 * LC-1, PR-1: the lines the licence prints, from the template and this application, in Thai as the
 * form shows answers. An answer the template needs and the application lacks stops the issuing
 * (LICENCE_FIELD_MISSING) unless the line is optional: nothing is issued half-filled.
 */
export function printedFields(
  definition: ServiceDefinition,
  template: LicenceTemplate,
  facts: LicenceFacts,
): PrintedField[] {
  return template.fields.map((field) => {
    const source = field.source;
    let value: string;
    if ("form" in source) {
      const raw = answerAt(facts.answers, source.form);
      const [top] = source.form.split(".");
      value =
        raw === undefined || raw === null || raw === ""
          ? ""
          : source.form.includes(".")
            ? String(raw)
            : showAnswer(definition.form, "th", top!, raw);
    } else if ("applicant" in source) value = facts.applicantName;
    else if ("licence" in source)
      value =
        source.licence === "issuedOn"
          ? formatDate("th", facts.issuedOn)
          : facts.validUntil
            ? formatDate("th", facts.validUntil)
            : "";
    else value = source.text.th;
    if (!value.trim()) {
      if (!field.optional) throw new AppError("LICENCE_FIELD_MISSING", { field: field.label.th });
      value = "-";
    }
    return { key: field.key, label: field.label, value };
  });
}
