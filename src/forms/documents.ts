import type { RequiredDocument, ServiceDefinition } from "../catalog/index.js";
import type { Lang } from "../platform/i18n/index.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import type { FieldError } from "./validate-answers.js";

/** FM-5: the checklist an applicant of `type` brings (a delegation is a juristic person's). */
export const checklistFor = (
  def: ServiceDefinition,
  type: "person" | "juristic" | undefined,
): RequiredDocument[] => def.documents.filter((d) => d.appliesTo === "all" || d.appliesTo === type);

/** FM-5: an e-Stamp reference as the Revenue Department prints it: letters, digits and dashes. */
export const E_STAMP_REFERENCE = /^[A-Za-z0-9-]{6,40}$/;

/**
 * FM-2: every required item of the checklist has at least one file (one electronic copy counts for all
 * the copies the manual asks); a file for an item not on the applicant's checklist is refused.
 */
export function checkDocuments(
  def: ServiceDefinition,
  type: "person" | "juristic" | undefined,
  documents: { documentId: string; eStampReference?: string }[],
  lang: Lang,
): FieldError[] {
  const checklist = checklistFor(def, type);
  const errors: FieldError[] = [];
  const fail = (field: string, code: string) =>
    errors.push({ field, code, message: t(lang, `application.error.${code}` as MessageKey) });
  documents.forEach((d, i) => {
    if (!checklist.some((item) => item.id === d.documentId)) fail(`documents.${i}`, "documentUnknown");
    if (d.eStampReference !== undefined && !E_STAMP_REFERENCE.test(d.eStampReference))
      fail(`documents.${i}.eStampReference`, "eStampReference");
  });
  for (const item of checklist)
    if (item.required && !documents.some((d) => d.documentId === item.id))
      fail(`documents.${item.id}`, "documentMissing");
  return errors;
}
