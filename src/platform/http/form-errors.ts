import type { AppError } from "../errors.js";
import { hasMessage, type Lang, type MessageKey, t } from "../i18n/index.js";
import type { MultipartLimits } from "./multipart.js";

/** The label a form shows for each of its fields, by field name: how an error names the field. */
export type FieldLabels = Readonly<Record<string, MessageKey>>;

/** The field an AppError is about, when it names one. */
export const errorField = (error: AppError): string | undefined => {
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return typeof field === "string" ? field : undefined;
};

/**
 * An error as the sentence shown above the form that caused it, in the user's language: an invalid
 * field is named by the label the user sees on that form, never by its internal name.
 *
 * @example errorText("en", new AppError("VALIDATION_FAILED", {}, { field: "subject" }), { subject: "form.subject" })
 *   // "Please check “Subject”: it is empty or not in the expected form"
 */
export function errorText(lang: Lang, error: AppError, labels: FieldLabels = {}): string {
  if (error.code === "VALIDATION_FAILED") {
    const label = labels[errorField(error) ?? ""];
    return label ? t(lang, "error.fieldInvalid", { label: t(lang, label) }) : t(lang, "error.formInvalid");
  }
  const key = `error.${error.code}`;
  return hasMessage(key) ? t(lang, key, error.params) : t(lang, "error.formInvalid");
}

/** The upload limits as people read them (MB and a count), for the sentences that quote them. */
export type ShownLimits = { maxFileMb: number; maxRequestMb: number; maxFiles: number };

export const shownLimits = (limits: MultipartLimits): ShownLimits => ({
  maxFileMb: Math.round(limits.maxFileBytes / (1024 * 1024)),
  maxRequestMb: Math.round(limits.maxRequestBytes / (1024 * 1024)),
  maxFiles: limits.maxFiles,
});

/**
 * Why a file was not accepted (FM-3), as a sentence in `lang`, never a bare code; a code without a
 * sentence of its own still reads as one.
 */
export function refusalText(lang: Lang, code: string, limits: ShownLimits): string {
  const key = `refusal.${code}`;
  if (!hasMessage(key)) return t(lang, "refusal.other");
  return t(lang, key, {
    maxMb: code === "FILE_TOO_LARGE" ? limits.maxFileMb : limits.maxRequestMb,
    max: limits.maxFiles,
  });
}
