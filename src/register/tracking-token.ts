import crypto from "node:crypto";

/**
 * The unguessable part of a tracking link, derived from the entry id with the install's secret: nothing
 * to store, and a repeated submission (same form token) gets the same link again.
 */
export function trackingToken(secret: string, entryId: string): string {
  return crypto.createHmac("sha256", secret).update(`tracking:${entryId}`).digest("base64url").slice(0, 24);
}

export function isValidTrackingToken(secret: string, entryId: string, token: string): boolean {
  const expected = Buffer.from(trackingToken(secret, entryId));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The tracking link of an entry (TR-1): receipt number in the path, the token in the query. */
export function trackingUrl(
  links: { secret: string; publicUrl: string },
  agencyId: string,
  entry: { id: string; beYear: number; sequence: number },
): string {
  return `${links.publicUrl}/a/${agencyId}/requests/${entry.beYear}/${entry.sequence}?t=${trackingToken(links.secret, entry.id)}`;
}
