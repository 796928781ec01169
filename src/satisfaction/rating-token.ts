import crypto from "node:crypto";

/** TR-3: how long the rating link of a closed matter works. */
export const RATING_LINK_DAYS = 60;

const DAY_MS = 24 * 3600 * 1000;
const MATTER_ID = /^[0-9a-f-]{36}$/;

function signature(secret: string, matterId: string, expires: number): string {
  return crypto
    .createHmac("sha256", secret)
    .update(`satisfaction-rating:${matterId}:${expires}`)
    .digest("base64url")
    .slice(0, 32);
}

/**
 * TR-3: the rating link's token, `<matterId>.<expiry, unix seconds>.<HMAC-SHA256>` under the install's
 * secret: nothing to store, no sign-in, and it cannot be made for another matter or a later expiry.
 * Derived from the closure time, so composing the same message again gives the same token.
 */
export function ratingToken(secret: string, matterId: string, closedAt: Date): string {
  const expires = Math.floor((closedAt.getTime() + RATING_LINK_DAYS * DAY_MS) / 1000);
  return `${matterId}.${expires}.${signature(secret, matterId, expires)}`;
}

/** The rating page of a closed matter, on the agency's path (`/a/<agency>/rate/<token>`). */
export function ratingUrl(
  links: { secret: string; publicUrl: string },
  agencyId: string,
  matterId: string,
  closedAt: Date,
): string {
  return `${links.publicUrl}/a/${agencyId}/rate/${ratingToken(links.secret, matterId, closedAt)}`;
}

export type RatingTokenCheck = { ok: true; matterId: string } | { ok: false; reason: "invalid" | "expired" };

/** Whether a token is genuine (constant-time) and still good; the signature is checked before the date. */
export function checkRatingToken(secret: string, token: unknown, now: Date): RatingTokenCheck {
  if (typeof token !== "string" || token.length > 100) return { ok: false, reason: "invalid" };
  const [matterId, e, s, ...rest] = token.split(".");
  if (rest.length || !matterId || !MATTER_ID.test(matterId) || !e || !/^\d{1,12}$/.test(e) || !s)
    return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signature(secret, matterId, Number(e)));
  const given = Buffer.from(s);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, reason: "invalid" };
  if (Number(e) * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, matterId };
}
