import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Lang } from "../platform/i18n/index.js";
import type { FormDefinition } from "./form-definition.js";

/** One field-level error, named by the field's path in the answers (LF-2). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export type AnswersCheck = { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/*
 * TODO(#11): replace by the forms part's `validateAnswers(form, answers, { lang })` (validate-answers.ts)
 * once it is merged: same contract. Until then this checks the schema with Ajv and drops the fields a
 * `showIf` hides, so applications can be built and tested against the same shape of result.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

export function checkAnswers(form: FormDefinition, answers: unknown, { lang }: { lang: Lang }): AnswersCheck {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers))
    return {
      ok: false,
      errors: [{ field: "", code: "type", message: lang === "th" ? "ข้อมูลไม่ถูกต้อง" : "Invalid answers" }],
    };
  const given = answers as Record<string, unknown>;
  const hidden = new Set(
    Object.entries(form.ui.fields)
      .filter(([, ui]) => ui.showIf && !ui.showIf.in.includes(given[ui.showIf.field] as never))
      .map(([name]) => name),
  );
  const value = Object.fromEntries(Object.entries(given).filter(([name]) => !hidden.has(name)));
  let validate = compiled.get(form.schema);
  if (!validate) {
    validate = ajv.compile(form.schema);
    compiled.set(form.schema, validate);
  }
  if (validate(value)) return { ok: true, value };
  const errors = (validate.errors ?? [])
    .map((e) => toFieldError(e, lang))
    .filter((e) => !hidden.has(e.field));
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function toFieldError(e: ErrorObject, lang: Lang): FieldError {
  const missing = e.keyword === "required" ? String(e.params.missingProperty) : undefined;
  const extra = e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : undefined;
  const field = missing ?? extra ?? e.instancePath.replace(/^\//, "").split("/")[0] ?? "";
  const message =
    lang === "th"
      ? missing
        ? "กรุณากรอกข้อมูลนี้"
        : "ข้อมูลไม่ถูกต้อง"
      : missing
        ? "This is required"
        : "This is not valid";
  return { field, code: e.keyword, message };
}
