import type { ServiceDefinition } from "../catalog/index.js";
import { AppError } from "../platform/errors.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { checkApplicant, sameName, signerName } from "./applicant.js";
import { checkDocuments } from "./documents.js";
import type { DraftApplicant } from "./draft.js";
import { type FieldError, validateAnswers } from "./validate-answers.js";

/** FM-6: what the applicant did to sign: a typed name, a confirm, and the one-time code when asked. */
export interface SignatureInput {
  name: unknown;
  confirmed: unknown;
  otp?: { channel: "email" | "sms"; challengeId: string; attempts: number; verifiedAt: string };
}

/** FM-6: the evidence of a type-1 signature kept with the application (JSON in `applications.signature`). */
export interface SignatureEvidence {
  /** `typed-name` on the web and API; `entry` for mail, LINE and paper (the entry's own signature). */
  method: "typed-name" | "entry";
  name: string;
  signedAt: string;
  ip: string | null;
  userAgent: string | null;
  otp: { channel: "email" | "sms"; outcome: "verified"; attempts: number; challengeId: string } | null;
  /** For `entry`: the channel it came by and its signature as registered (the mail's name, the scan). */
  source?: { channel: string; signature: string | null; receiptNumber: string };
  signedSha256: string;
}

interface Checkable {
  applicant: unknown;
  answers: unknown;
  documents: { documentId: string; eStampReference?: string }[];
  language: Lang;
  signature: SignatureInput;
}

/**
 * Checks everything the applicant gave at once, so that every field error is shown together (LF-2).
 * Throws APPLICATION_INVALID with `details.errors` ({field, code, message}[]), or SIGNATURE_OTP_REQUIRED
 * when the service asks a one-time code and none was verified (the web flow sends one).
 */
export function validateApplication(
  def: ServiceDefinition,
  input: Checkable,
  meta: { ip?: string; userAgent?: string },
  now: Date,
): {
  applicant: DraftApplicant;
  answers: Record<string, unknown>;
  signature: Omit<SignatureEvidence, "signedSha256">;
} {
  const lang = input.language;
  const applicant = checkApplicant(def, input.applicant, lang);
  const answers = validateAnswers(def.form, input.answers, { lang });
  const errors: FieldError[] = [
    ...(applicant.ok ? [] : applicant.errors),
    ...(answers.ok ? [] : answers.errors.map((e) => ({ ...e, field: `answers.${e.field}` }))),
    ...checkDocuments(def, applicant.ok ? applicant.value.type : undefined, input.documents, lang),
  ];
  const typed = typeof input.signature.name === "string" ? input.signature.name.slice(0, 300) : "";
  if (applicant.ok && !sameName(typed, signerName(applicant.value)) && !sameName(typed, applicant.value.name))
    errors.push({
      field: "signature.name",
      code: "signatureName",
      message: t(lang, "application.error.signatureName"),
    });
  if (input.signature.confirmed !== true)
    errors.push({
      field: "signature.confirmed",
      code: "signatureConfirm",
      message: t(lang, "application.error.signatureConfirm"),
    });
  if (errors.length || !applicant.ok || !answers.ok)
    throw new AppError("APPLICATION_INVALID", {}, { errors });
  const otp = input.signature.otp;
  if (def.signature.otp !== "none" && otp?.channel !== def.signature.otp)
    throw new AppError("SIGNATURE_OTP_REQUIRED");
  return {
    applicant: applicant.value,
    answers: answers.value,
    signature: {
      method: "typed-name",
      name: typed.replace(/\s+/g, " ").trim(),
      signedAt: now.toISOString(),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      otp: otp
        ? { channel: otp.channel, outcome: "verified", attempts: otp.attempts, challengeId: otp.challengeId }
        : null,
    },
  };
}
