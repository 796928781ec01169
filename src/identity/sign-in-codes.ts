import crypto from "node:crypto";
import { sql } from "kysely";
import type { Sealer } from "../platform/crypto/index.js";
import { emailLookupKey, phoneLookupKey } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { normalEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";

/** ID-4: a sign-in code (IAL1 / AAL1) is valid ten minutes and allows five tries. */
export const SIGN_IN_CODE_LIFETIME_MS = 10 * 60_000;
export const MAX_SIGN_IN_CODE_ATTEMPTS = 5;

export interface Destination {
  channel: "email" | "sms";
  /** Normalised: a lower-case address, or a 10-digit Thai mobile number. */
  value: string;
  /** The keyed hash the account is found by (`email_hmac` / `phone_hmac`). */
  hmac: string;
}

/** An email address or a Thai mobile number as typed (spaces, dashes, +66 allowed); undefined if neither. */
export function parseDestination(sealer: Sealer, typed: string): Destination | undefined {
  const text = typed.trim();
  if (text.includes("@")) {
    const value = normalEmailAddress(text);
    const hmac = emailLookupKey(sealer, value);
    return value && hmac ? { channel: "email", value, hmac } : undefined;
  }
  let digits = text.replace(/[\s-]/g, "");
  if (digits.startsWith("+66")) digits = `0${digits.slice(3)}`;
  if (!/^0[689]\d{8}$/.test(digits)) return undefined;
  const hmac = phoneLookupKey(sealer, digits);
  return hmac ? { channel: "sms", value: digits, hmac } : undefined;
}

// A keyed hash under the index key, salted with the code's id: equal codes do not look equal, and a
// copy of the table alone does not let anyone try the million codes offline.
const codeHmac = (sealer: Sealer, id: string, code: string) => sealer.index("sign-in-code", `${id}:${code}`);

/** Writes a new code for `destination` and returns it (to be sent, never stored in clear). */
export async function createSignInCode(
  db: Db,
  sealer: Sealer,
  input: { agencyId: string; destination: Destination },
  now: Date,
): Promise<{ id: string; code: string; expiresAt: Date }> {
  const id = newId();
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + SIGN_IN_CODE_LIFETIME_MS);
  await db
    .insertInto("sign_in_codes")
    .values({
      id,
      agency_id: input.agencyId,
      channel: input.destination.channel,
      destination: input.destination.value,
      destination_hmac: input.destination.hmac,
      code_hmac: codeHmac(sealer, id, code),
      attempts: 0,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
    })
    .execute();
  return { id, code, expiresAt };
}

export interface CheckedCode {
  id: string;
  channel: "email" | "sms";
  destination: string;
  destinationHmac: string;
  attempts: number;
}

/**
 * ID-4: checks one guess of a code. Each guess is counted by one UPDATE that only succeeds under the
 * limit, so guesses sent at once cannot exceed five. Does not mark the code used (the caller does, in
 * the sign-in's transaction, with `markCodeUsed`).
 * Throws SIGN_IN_CODE_EXPIRED (unknown, used, past ten minutes), SIGN_IN_CODE_LOCKED (five guesses
 * used), SIGN_IN_CODE_INVALID (wrong, with the guesses left).
 */
export async function checkSignInCode(
  db: Db,
  sealer: Sealer,
  input: { agencyId: string; codeId: string; code: string },
  now: Date,
): Promise<CheckedCode> {
  const row = await db
    .selectFrom("sign_in_codes")
    .selectAll()
    .where("id", "=", input.codeId)
    .where("agency_id", "=", input.agencyId)
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now.toISOString())
    throw new AppError("SIGN_IN_CODE_EXPIRED");
  const counted = await db
    .updateTable("sign_in_codes")
    .set({ attempts: sql`attempts + 1` })
    .where("id", "=", row.id)
    .where("attempts", "<", MAX_SIGN_IN_CODE_ATTEMPTS)
    .where("used_at", "is", null)
    .returning("attempts")
    .executeTakeFirst();
  if (!counted) throw new AppError("SIGN_IN_CODE_LOCKED");
  const attempts = Number(counted.attempts);
  const given = Buffer.from(codeHmac(sealer, row.id, /^\d{6}$/.test(input.code) ? input.code : "-"));
  if (!crypto.timingSafeEqual(given, Buffer.from(row.code_hmac))) {
    if (attempts >= MAX_SIGN_IN_CODE_ATTEMPTS) throw new AppError("SIGN_IN_CODE_LOCKED");
    throw new AppError("SIGN_IN_CODE_INVALID", { left: MAX_SIGN_IN_CODE_ATTEMPTS - attempts });
  }
  return {
    id: row.id,
    channel: row.channel,
    destination: row.destination,
    destinationHmac: row.destination_hmac,
    attempts,
  };
}

/** Marks a right code used, once: false when another request used it first. */
export async function markCodeUsed(db: Db, codeId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("sign_in_codes")
    .set({ used_at: at })
    .where("id", "=", codeId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
