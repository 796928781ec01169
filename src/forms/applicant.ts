import { EMAIL_PATTERN } from "../agencies/index.js";
import type { ServiceDefinition } from "../catalog/index.js";
import { normalizeThaiPhone } from "../intake/web/index.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import type { Lang } from "../platform/i18n/index.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import type { DraftApplicant } from "./draft.js";
import { isThaiJuristicId, isThaiNationalId } from "./thai-ids.js";
import type { FieldError } from "./validate-answers.js";

/** The applicant as typed (a web form or the API's JSON): any field may be missing or of any type. */
export type ApplicantInput = Record<string, unknown>;

export type ApplicantCheck = { ok: true; value: DraftApplicant } | { ok: false; errors: FieldError[] };

/** Digits only: people type IDs with dashes and spaces (1-1017-00230-70-8). */
const idDigits = (text: string): string => text.replace(/[\s-]/g, "");

const text = (v: unknown, max = 200): string | undefined => {
  if (typeof v !== "string") return undefined;
  const s = v.replace(/\s+/g, " ").trim();
  return s && s.length <= max ? s : undefined;
};

/**
 * FM-5: checks who applies. A person gives a full name, a national ID (checksum) and an email and/or a
 * phone; a juristic person gives its registered name, its juristic ID (0 then checksum), the person
 * acting for it (name, national ID, position) and a contact. Only the service's applicant types.
 */
export function checkApplicant(def: ServiceDefinition, input: unknown, lang: Lang): ApplicantCheck {
  const errors: FieldError[] = [];
  const fail = (field: string, code: string) =>
    errors.push({
      field: `applicant.${field}`,
      code,
      message: t(lang, `application.error.${code}` as MessageKey),
    });
  const raw = (typeof input === "object" && input !== null ? input : {}) as ApplicantInput;
  const acting = (
    typeof raw.actingPerson === "object" && raw.actingPerson !== null ? raw.actingPerson : {}
  ) as ApplicantInput;
  const type = raw.type === "person" || raw.type === "juristic" ? raw.type : undefined;
  if (!type || !def.applicantTypes.includes(type)) fail("type", "applicantType");
  const name = text(raw.name);
  if (!name) fail("name", "required");
  const idNumber = typeof raw.idNumber === "string" ? idDigits(raw.idNumber) : "";
  if (type === "juristic" ? !isThaiJuristicId(idNumber) : !isThaiNationalId(idNumber))
    fail("idNumber", type === "juristic" ? "juristicId" : "nationalId");
  const email =
    typeof raw.email === "string" && raw.email.trim() ? raw.email.trim().toLowerCase() : undefined;
  if (email && (email.length > 254 || !EMAIL_PATTERN.test(email) || !isValidEmailAddress(email)))
    fail("email", "email");
  const rawPhone = typeof raw.phone === "string" && raw.phone.trim() ? raw.phone.trim() : undefined;
  const phone = rawPhone === undefined ? undefined : normalizeThaiPhone(rawPhone.slice(0, 30));
  if (rawPhone !== undefined && !phone) fail("phone", "phone");
  if (!email && !rawPhone) fail("email", "contact");
  let actingPerson: DraftApplicant["actingPerson"];
  if (type === "juristic") {
    const actingName = text(acting.name);
    const actingId = typeof acting.idNumber === "string" ? idDigits(acting.idNumber) : "";
    const position = text(acting.position);
    if (!actingName) fail("actingPerson.name", "required");
    if (!isThaiNationalId(actingId)) fail("actingPerson.idNumber", "nationalId");
    if (!position) fail("actingPerson.position", "required");
    actingPerson = { name: actingName ?? "", idNumber: actingId, position };
  }
  if (errors.length || !type || !name) return { ok: false, errors };
  return {
    ok: true,
    value: {
      type,
      name,
      idNumber,
      ...(actingPerson && { actingPerson }),
      ...(email && { email }),
      ...(phone && { phone }),
    },
  };
}

/** FM-6: the name a type-1 signature must carry: the person acting for a juristic person, else the applicant. */
export const signerName = (applicant: DraftApplicant): string =>
  applicant.type === "juristic" && applicant.actingPerson ? applicant.actingPerson.name : applicant.name;

/** Names compared as people type them: spaces (including Thai's double spaces) do not count. */
export const sameName = (a: string, b: string): boolean =>
  a.replace(/\s+/g, " ").trim().normalize("NFC") === b.replace(/\s+/g, " ").trim().normalize("NFC");
