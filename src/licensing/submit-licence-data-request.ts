import crypto from "node:crypto";
import type { Agency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { allowCitizenAttempt } from "../identity/index.js";
import {
  existingResult,
  normalizeThaiPhone,
  registerWithAcknowledgement,
  type SubmitResult,
  submitResult,
  type WebIntakeDeps,
} from "../intake/web/index.js";
import { isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { newId, newToken, sha256Hex } from "../platform/ids.js";

/** LC-4: the subject every request for licence data is registered under (the officers' lists show it). */
export const LICENCE_DATA_REQUEST_SUBJECT = "ขอข้อมูลใบอนุญาต";

/** LC-4: the answer is due within 3 days, counted as calendar days (000 licence §4). */
export const LICENCE_DATA_ANSWER_DAYS = 3;

/** SC-1: requests a client address may send per hour; more are refused (429) without being registered. */
export const LICENCE_REQUESTS_PER_HOUR = { max: 20, windowMs: 60 * 60 * 1000 };

export interface LicenceDataRequest {
  name: string;
  email?: string;
  phone?: string;
  /** The licence's number, or its holder or shop's name. */
  licence: string;
  /** What they need to know. */
  need: string;
  /** FM-6: the requester pressed confirm (a type-1 electronic signature). */
  confirmed: boolean;
  language: "th" | "en";
}

const tokenMac = (secret: string, agencyId: string, nonce: string) =>
  crypto.createHmac("sha256", secret).update(`licence-request:${agencyId}:${nonce}`).digest("base64url");

/**
 * The form's one-time token: a random nonce bound to the agency under the install's secret. It is the
 * request's idempotency key (a double submit registers one entry) and proves the POST came from our form.
 */
export function licenceRequestToken(secret: string, agencyId: string): string {
  const nonce = newToken();
  return `${nonce}.${tokenMac(secret, agencyId, nonce)}`;
}

/** The nonce of a well-formed token of this agency; FORM_TOKEN_MISSING otherwise. */
function tokenNonce(secret: string, agencyId: string, token: string): string {
  const [nonce = "", mac = ""] = token.split(".");
  const expected = Buffer.from(tokenMac(secret, agencyId, nonce));
  const given = Buffer.from(mac);
  if (
    !/^[\w-]{16,64}$/.test(nonce) ||
    given.length !== expected.length ||
    !crypto.timingSafeEqual(given, expected)
  )
    throw new AppError("FORM_TOKEN_MISSING");
  return nonce;
}

const clean = (text: string | undefined) => (text ?? "").replace(/\r\n/g, "\n").trim();
const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });

function validate(input: LicenceDataRequest): LicenceDataRequest {
  const name = clean(input.name);
  const licence = clean(input.licence);
  const need = clean(input.need);
  const email = clean(input.email).toLowerCase() || undefined;
  const rawPhone = clean(input.phone) || undefined;
  if (!name || name.length > 200) throw invalid("name");
  if (!licence || licence.length > 300) throw invalid("licence");
  if (!need || need.length > 5000) throw invalid("need");
  if (!email && !rawPhone) throw new AppError("CONTACT_REQUIRED", {}, { field: "email" });
  if (email && (email.length > 254 || !isValidEmailAddress(email)))
    throw new AppError("EMAIL_INVALID", {}, { field: "email" });
  const phone = rawPhone === undefined ? undefined : normalizeThaiPhone(rawPhone);
  if (rawPhone !== undefined && phone === undefined)
    throw new AppError("PHONE_INVALID", {}, { field: "phone" });
  if (!input.confirmed) throw new AppError("CONFIRMATION_REQUIRED", {}, { field: "confirmed" });
  return { ...input, name, licence, need, email, phone };
}

/**
 * LC-4: registers a request for a licence's data in the incoming register (RG-1) as a general request
 * with the subject "ขอข้อมูลใบอนุญาต", due within 3 calendar days of its working start (the casework's
 * at-risk and overdue lists read that due time), acknowledged by email when an address is given (CH-4),
 * else by the confirmation page. Officers answer through the general request's `answer`. Free of charge.
 * Throws FORM_TOKEN_MISSING, LICENCE_REQUESTS_TOO_MANY (per client address), VALIDATION_FAILED, CONTACT_REQUIRED,
 * EMAIL_INVALID, PHONE_INVALID, CONFIRMATION_REQUIRED, FORM_ALREADY_SUBMITTED (the token reused for
 * another request).
 */
export async function submitLicenceDataRequest(
  deps: WebIntakeDeps,
  agency: Agency,
  input: LicenceDataRequest,
  meta: { formToken: string; ip: string },
): Promise<SubmitResult> {
  const nonce = tokenNonce(deps.secret, agency.id, meta.formToken);
  const request = validate(input);
  if (
    !(await allowCitizenAttempt(
      deps.handle.db,
      `licence-request:${meta.ip}`,
      deps.clock.now(),
      LICENCE_REQUESTS_PER_HOUR,
    ))
  )
    throw new AppError("LICENCE_REQUESTS_TOO_MANY");
  const key = `form:licence-request:${nonce}`;
  const body = `ใบอนุญาต (เลขที่ หรือชื่อผู้ได้รับอนุญาต/สถานประกอบการ) / Licence: ${request.licence}\n\nข้อมูลที่ขอ / Data requested:\n${request.need}`;
  const requestHash = sha256Hex(
    JSON.stringify([request.name, request.email, request.phone, request.licence, request.need]),
  );
  const calendar = await loadBusinessCalendar(deps.handle.db, agency);
  try {
    const registered = await withTransaction(deps.handle, (trx) =>
      registerWithAcknowledgement(
        trx,
        deps,
        {
          id: newId(),
          agencyId: agency.id,
          channel: "web",
          senderName: request.name,
          senderEmail: request.email,
          senderPhone: request.phone,
          replyTo: request.email,
          addressee: agency.nameTh,
          subject: LICENCE_DATA_REQUEST_SUBJECT,
          body,
          language: request.language,
          signature: `${request.name} (web confirm)`,
          idempotencyKey: key,
          requestHash,
          // LC-4: answered within 3 days, tracked like the other deadlines.
          opening: { kind: "general", timeLimit: { amount: LICENCE_DATA_ANSWER_DAYS, dayKind: "calendar" } },
          attachments: [],
        },
        { calendar, ip: meta.ip },
      ),
    );
    return submitResult(deps, agency, registered.entry, registered.attachments, false);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await existingResult(deps, agency, key, requestHash);
      if (winner) return winner;
    }
    throw error;
  }
}
