import type { AppError } from "../errors.js";
import { formatDateTime } from "../i18n/format.js";
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
  const field = errorField(error) ?? (typeof error.params.field === "string" ? error.params.field : "");
  const label = labels[field];
  if (error.code === "VALIDATION_FAILED")
    return label ? t(lang, "error.fieldInvalid", { label: t(lang, label) }) : t(lang, "error.formInvalid");
  const key = `error.${error.code}`;
  if (!hasMessage(key)) return t(lang, "error.formInvalid");
  return t(lang, key, {
    ...shownParams(lang, error.params),
    ...(label ? { field: `“${t(lang, label)}”` } : {}),
  });
}

/**
 * An error's parameters as people read them: a lock's end (`until`, an ISO instant) in Thai time and
 * the user's calendar rather than UTC.
 */
export function shownParams(
  lang: Lang,
  params: Record<string, string | number>,
): Record<string, string | number> {
  const until = typeof params.until === "string" ? new Date(params.until) : undefined;
  if (!until || Number.isNaN(until.getTime())) return params;
  return { ...params, until: formatDateTime(lang, until, "Asia/Bangkok") };
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
