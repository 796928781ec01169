import { createHmac, timingSafeEqual } from "node:crypto";

/** PY-4: how far a notification's `X-Timestamp` may be from our clock (either way). */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/**
 * The signed text of a bank notification: the `X-Timestamp` header (Unix seconds, as sent), a full
 * stop, then the raw body bytes exactly as sent. Binding the time stops an old notification being replayed.
 */
const signedText = (timestamp: string, body: Buffer) =>
  Buffer.concat([Buffer.from(`${timestamp}.`, "utf8"), body]);

/** `sha256=<hex>`: the `X-Signature` header a bank sends with a notification signed by `secret`. */
export function signNotification(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(signedText(timestamp, body)).digest("hex")}`;
}

export type SignatureCheck = "ok" | "missing" | "stale" | "mismatch";

/**
 * Checks `X-Signature` and `X-Timestamp` against the account's secret, in constant time (PY-4, SC-2).
 * A timestamp outside ±5 minutes of `now` is `stale`, whatever the signature.
 */
export function checkNotificationSignature(
  secret: string,
  headers: { signature: unknown; timestamp: unknown },
  body: Buffer,
  now: Date,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (typeof signature !== "string" || typeof timestamp !== "string") return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "missing";
  if (Math.abs(Number(timestamp) * 1000 - now.getTime()) > SIGNATURE_WINDOW_MS) return "stale";
  const expected = Buffer.from(signNotification(secret, timestamp, body), "utf8");
  const given = Buffer.from(signature.trim().toLowerCase(), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "mismatch";
}
