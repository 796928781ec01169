import crypto from "node:crypto";

/**
 * True when `given` is exactly `expected`, compared in constant time. Byte lengths, not string
 * lengths: timingSafeEqual throws (a 500) on buffers of different sizes; a non-string is never equal.
 */
export function sameSecret(given: unknown, expected: string): boolean {
  const a = Buffer.from(typeof given === "string" ? given : "");
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * The CSRF token of a public form that has no session: bound to what the form acts on (`purpose` and
 * `id`) by an HMAC under the install's secret, so only that object's page carries it.
 */
export const boundFormToken = (secret: string, purpose: string, id: string): string =>
  crypto.createHmac("sha256", secret).update(`${purpose}:${id}`).digest("base64url");
