import { normalEmailAddress } from "../email-address.js";
import type { Sealer } from "./sealer.js";

/*
 * The keyed hashes (ID-7) that find a person's rows without their data in clear. One purpose per kind
 * of value, each normalised first, so that every capability computes the same hash for the same value.
 * Columns holding them are named `<column>_hmac`.
 */

/** An email address, trimmed and lower-cased; undefined when it is not one. */
export function emailLookupKey(sealer: Sealer, email: string | null | undefined): string | undefined {
  const address = normalEmailAddress(email);
  return address ? sealer.index("email", address) : undefined;
}

/** A Thai phone number by its digits, `+66` written as `0`; undefined when fewer than 9 digits remain. */
export function phoneLookupKey(sealer: Sealer, phone: string | null | undefined): string | undefined {
  let digits = (phone ?? "").replace(/\D/g, "");
  if (digits.startsWith("66") && digits.length === 11) digits = `0${digits.slice(2)}`;
  return digits.length >= 9 ? sealer.index("phone", digits) : undefined;
}

/** A 13-digit national or juristic ID, dashes and spaces dropped; undefined when not 13 digits. */
export function idNumberLookupKey(sealer: Sealer, id: string | null | undefined): string | undefined {
  const digits = (id ?? "").replace(/[\s-]/g, "");
  return /^\d{13}$/.test(digits) ? sealer.index("id-number", digits) : undefined;
}
