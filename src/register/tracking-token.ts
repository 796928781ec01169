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

/**
 * The Message-ID of mail Borikan sends about an entry carries this token, so a reply that quotes it
 * (In-Reply-To / References) provably answers that entry: nobody joins someone else's matter by guessing.
 */
export function threadToken(secret: string, entryId: string): string {
  return crypto.createHmac("sha256", secret).update(`thread:${entryId}`).digest("base64url").slice(0, 22);
}

/** `<kind.entryId.token@domain>`: the Message-ID of the `kind` message about an entry. */
export function threadMessageId(secret: string, kind: string, entryId: string, domain: string): string {
  return `<${kind}.${entryId}.${threadToken(secret, entryId)}@${domain}>`;
}

/** The entry a Message-ID written by `threadMessageId` is about, when its token is genuine. */
export function entryOfThreadMessageId(secret: string, messageId: string): string | undefined {
  const found = /^<?[a-z-]+\.([0-9a-f-]{36})\.([\w-]{22})@/i.exec(messageId.trim());
  if (!found) return undefined;
  const expected = Buffer.from(threadToken(secret, found[1]!));
  const given = Buffer.from(found[2]!);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? found[1] : undefined;
}
