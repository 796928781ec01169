import { type FormDefinition, validateFormDefinition } from "../forms/index.js";
import type { DefinitionProblem } from "./definition-problem.js";

/**
 * FM-1: a service's form checked by the forms capability (strict JSON Schema, nothing outside it, UI
 * hints, pages, showIf, widgets, lawful basis and data class), each problem under `/form` with the
 * forms capability's own Thai and English reason.
 */
export function checkForm(form: FormDefinition, documentIds: readonly string[]): DefinitionProblem[] {
  return validateFormDefinition(form, documentIds).map((p) => ({
    rule: "form",
    path: `/form${p.path}`,
    detail: p.code,
    message: p.message,
  }));
}
