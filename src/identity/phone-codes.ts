import crypto from "node:crypto";
import { isThaiMobile, type SmsGateway } from "../forms/index.js";
import { phoneLookupKey, type Sealer } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";

/** ID-2: a code lives 10 minutes and allows 5 attempts; a verification is used within 30 minutes. */
export const PHONE_CODE_TTL_MS = 10 * 60_000;
export const PHONE_CODE_ATTEMPTS = 5;
const VERIFIED_USABLE_MS = 30 * 60_000;
const CODES_PER_HOUR = 5;

const codeHash = (id: string, code: string) =>
  crypto.createHash("sha256").update(`${id}:${code}`).digest("hex");

/** A Thai mobile number as digits (`+66 81…` written `081…`), or PHONE_INVALID. */
export function normalMobile(phone: string): string {
  let digits = phone.replace(/[\s-]/g, "");
  if (digits.startsWith("+66")) digits = `0${digits.slice(3)}`;
  if (!isThaiMobile(digits)) throw new AppError("PHONE_INVALID", {}, { field: "phone" });
  return digits;
}

/**
 * ID-2: sends a one-time code by SMS to the phone the applicant gives on a matter's identity page.
 * Throws PHONE_INVALID, IDENTITY_SMS_UNAVAILABLE (no gateway, or it did not accept: never said sent),
 * TOO_MANY_ATTEMPTS (429: more than 5 codes on the matter within an hour).
 */
export async function sendPhoneCode(
  db: Db,
  deps: { sealer: Sealer; sms?: SmsGateway },
  input: { agencyId: string; matterId: string; phone: string; receiptNumber: string; at: Date },
): Promise<void> {
  const phone = normalMobile(input.phone);
  if (!deps.sms) throw new AppError("IDENTITY_SMS_UNAVAILABLE");
  // A tracking link must not become a way to send SMS to anyone: a few codes per matter an hour.
  const recent = await db
    .selectFrom("phone_proof_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("matter_id", "=", input.matterId)
    .where("created_at", ">", new Date(input.at.getTime() - 3_600_000).toISOString())
    .executeTakeFirst();
  if (Number(recent?.n ?? 0) >= CODES_PER_HOUR) throw new AppError("TOO_MANY_ATTEMPTS");
  const id = newId();
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  await db
    .insertInto("phone_proof_codes")
    .values({
      id,
      agency_id: input.agencyId,
      matter_id: input.matterId,
      phone,
      phone_hmac: phoneLookupKey(deps.sealer, phone) ?? "",
      code_sha256: codeHash(id, code),
      attempts: 0,
      created_at: input.at.toISOString(),
      expires_at: new Date(input.at.getTime() + PHONE_CODE_TTL_MS).toISOString(),
      verified_at: null,
      used_at: null,
    })
    .execute();
  const text = `รหัสยืนยันเบอร์โทรศัพท์ ${code} (เรื่อง ${input.receiptNumber}) ใช้ได้ 10 นาที / Borikan code ${code}`;
  const sent = await deps.sms.send(phone, text).catch(() => ({ accepted: false }));
  if (!sent.accepted) {
    await db.deleteFrom("phone_proof_codes").where("id", "=", id).execute();
    throw new AppError("IDENTITY_SMS_UNAVAILABLE");
  }
}

/**
 * ID-2: checks the latest code sent on a matter. Each try is counted before the comparison, in one
 * statement, so parallel guesses cannot pass the fifth. Throws PHONE_CODE_INVALID, PHONE_CODE_EXPIRED,
 * PHONE_CODE_LOCKED (429).
 */
export async function verifyPhoneCode(
  db: Db,
  input: { matterId: string; code: string; at: Date },
): Promise<void> {
  const latest = await db
    .selectFrom("phone_proof_codes")
    .select(["id", "expires_at", "verified_at"])
    .where("matter_id", "=", input.matterId)
    .where("used_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!latest) throw new AppError("PHONE_CODE_INVALID", {}, { field: "code" });
  if (latest.verified_at) return;
  if (latest.expires_at <= input.at.toISOString())
    throw new AppError("PHONE_CODE_EXPIRED", {}, { field: "code" });
  const counted = await db
    .updateTable("phone_proof_codes")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("id", "=", latest.id)
    .where("attempts", "<", PHONE_CODE_ATTEMPTS)
    .returning(["code_sha256"])
    .executeTakeFirst();
  if (!counted) throw new AppError("PHONE_CODE_LOCKED");
  const given = Buffer.from(codeHash(latest.id, input.code.trim()));
  if (!crypto.timingSafeEqual(given, Buffer.from(counted.code_sha256)))
    throw new AppError("PHONE_CODE_INVALID", {}, { field: "code" });
  await db
    .updateTable("phone_proof_codes")
    .set({ verified_at: input.at.toISOString() })
    .where("id", "=", latest.id)
    .execute();
}

/** The phone verified on a matter and not yet used by a proof (30 minutes after it was verified). */
export async function findVerifiedPhone(
  db: Db,
  matterId: string,
  at: Date,
): Promise<{ id: string; phoneHmac: string; verifiedAt: string } | undefined> {
  const row = await db
    .selectFrom("phone_proof_codes")
    .select(["id", "phone_hmac", "verified_at"])
    .where("matter_id", "=", matterId)
    .where("used_at", "is", null)
    .where("verified_at", "is not", null)
    .orderBy("verified_at", "desc")
    .executeTakeFirst();
  if (!row?.verified_at || at.getTime() - Date.parse(row.verified_at) > VERIFIED_USABLE_MS) return undefined;
  return { id: row.id, phoneHmac: row.phone_hmac, verifiedAt: row.verified_at };
}

/** Marks a verification used (inside the proof's transaction); false when another proof took it. */
export async function usePhoneVerification(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("phone_proof_codes")
    .set({ used_at: at.toISOString() })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
