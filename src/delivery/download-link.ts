import crypto from "node:crypto";

/** DL-4: how long a signed download link works. */
export const DOWNLOAD_LINK_DAYS = 14;

function signature(secret: string, deliveryId: string, expires: number): string {
  return crypto
    .createHmac("sha256", secret)
    .update(`licence-download:${deliveryId}:${expires}`)
    .digest("base64url")
    .slice(0, 32);
}

/**
 * DL-4: an expiring link to one delivery's file, signed with the install's secret (HMAC-SHA256), so it
 * needs no sign-in and cannot be made for another delivery or a later time.
 */
export function signedDownloadUrl(
  links: { secret: string; publicUrl: string },
  agencyId: string,
  deliveryId: string,
  expiresAt: Date,
): string {
  const e = Math.floor(expiresAt.getTime() / 1000);
  return `${links.publicUrl}/a/${agencyId}/licence-files/${deliveryId}?e=${e}&s=${signature(links.secret, deliveryId, e)}`;
}

/** Whether a signed link's expiry and signature are this delivery's and it has not expired. */
export function isValidDownloadLink(
  secret: string,
  deliveryId: string,
  query: { e?: unknown; s?: unknown },
  now: Date,
): boolean {
  if (typeof query.e !== "string" || typeof query.s !== "string" || !/^\d{1,12}$/.test(query.e)) return false;
  const expires = Number(query.e);
  if (expires * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(signature(secret, deliveryId, expires));
  const given = Buffer.from(query.s);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export function linkExpiry(now: Date): Date {
  return new Date(now.getTime() + DOWNLOAD_LINK_DAYS * 24 * 3600 * 1000);
}
