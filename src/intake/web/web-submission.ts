import { EMAIL_PATTERN } from "../../agencies/index.js";
import { isValidEmailAddress } from "../../platform/email-address.js";
import { AppError } from "../../platform/errors.js";
import type { ReceivedFile } from "../attachments/index.js";

export interface WebSubmission {
  name: string;
  email?: string;
  phone?: string;
  subject: string;
  message: string;
  /** FM-6: the applicant pressed confirm — a type-1 electronic signature. */
  confirmed: boolean;
  language: "th" | "en";
  files: ReceivedFile[];
}

const clean = (text: string | undefined) => (text ?? "").replace(/\r\n/g, "\n").trim();

/** Thai numbers: 0 + 8–9 digits, or +66 without the leading 0. Spaces and dashes are allowed. */
export function normalizeThaiPhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s\-().]/g, "");
  const local = digits.startsWith("+66") ? `0${digits.slice(3)}` : digits;
  return /^0\d{8,9}$/.test(local) ? local : undefined;
}

/** Checks and tidies a submission; throws the first rule it breaks, as the form shows one error block. */
export function validateSubmission(input: WebSubmission): WebSubmission & { fieldErrors?: never } {
  const name = clean(input.name);
  const subject = clean(input.subject);
  const message = clean(input.message);
  const email = clean(input.email).toLowerCase() || undefined;
  const rawPhone = clean(input.phone) || undefined;
  if (!name || name.length > 200)
    throw new AppError("VALIDATION_FAILED", { detail: "name" }, { field: "name" });
  if (!subject || subject.length > 300)
    throw new AppError("VALIDATION_FAILED", { detail: "subject" }, { field: "subject" });
  if (message.length > 20_000)
    throw new AppError("VALIDATION_FAILED", { detail: "message" }, { field: "message" });
  if (!email && !rawPhone) throw new AppError("CONTACT_REQUIRED", {}, { field: "email" });
  // CH-4: the strict check the outbox applies too, so an accepted address can always be acknowledged.
  if (email && (email.length > 254 || !EMAIL_PATTERN.test(email) || !isValidEmailAddress(email)))
    throw new AppError("EMAIL_INVALID", {}, { field: "email" });
  const phone = rawPhone === undefined ? undefined : normalizeThaiPhone(rawPhone);
  if (rawPhone !== undefined && phone === undefined)
    throw new AppError("PHONE_INVALID", {}, { field: "phone" });
  if (!input.confirmed) throw new AppError("CONFIRMATION_REQUIRED", {}, { field: "confirmed" });
  return { ...input, name, subject, message, email, phone };
}
