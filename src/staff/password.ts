import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../platform/errors.js";

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation. */
export const hashPassword = (password: string): Promise<string> => hash(password);

/**
 * argon2 verifications this process has run: the measure of what the sign-in limits let through (SC-1),
 * read by their tests.
 */
export const passwordChecks = { count: 0 };

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordChecks.count += 1;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** At least 10 characters, not all the same kind: long enough to resist guessing when rate limited. */
export function checkPasswordStrength(password: string): void {
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((k) => k.test(password)).length;
  if (password.length < 10 || password.length > 200 || kinds < 2) throw new AppError("PASSWORD_TOO_WEAK");
}

/** A temporary password an admin hands over; the officer must change it at first login. */
export function temporaryPassword(): string {
  return `${crypto.randomBytes(9).toString("base64url")}-${crypto.randomInt(10, 99)}`;
}

/** Spent on unknown accounts too, so that timing does not tell which emails exist. */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$H802ZnZrjYe9qkX4jQfBWTQtJnmj6Noz+sJrSQ8gzOM";
