import crypto from "node:crypto";
import { sql } from "kysely";
import { type Db, isPostgres } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId, sha256Hex } from "../platform/ids.js";

/** FM-6: a code is valid 10 minutes and allows 5 tries; then a new code is needed. */
export const CODE_LIFETIME_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
/** No draft may have more codes sent than this in an hour (the address typed may be anyone's). */
const MAX_CODES_PER_HOUR = 5;

// Only the hash is kept, salted with the challenge's id so that equal codes do not look equal.
const codeHash = (id: string, code: string) => sha256Hex(`${id}:${code}`);

/**
 * Starts a one-time code for a draft's signature and returns it (to be sent, never stored). Throws
 * TOO_MANY_ATTEMPTS past MAX_CODES_PER_HOUR codes for the draft. Call it in a transaction: the draft's
 * row is locked so that two requests at once cannot both count under the limit (SQLite's BEGIN
 * IMMEDIATE already serialises writers).
 */
export async function createSignatureChallenge(
  db: Db,
  input: { draftId: string; channel: "email" | "sms"; destination: string },
  now: Date,
): Promise<{ id: string; code: string; expiresAt: Date }> {
  if (isPostgres(db))
    await db
      .selectFrom("application_drafts")
      .select("id")
      .where("id", "=", input.draftId)
      .forUpdate()
      .execute();
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  const recent = await db
    .selectFrom("signature_challenges")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("draft_id", "=", input.draftId)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_CODES_PER_HOUR) throw new AppError("TOO_MANY_ATTEMPTS");
  const id = newId();
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
  await db
    .insertInto("signature_challenges")
    .values({
      id,
      draft_id: input.draftId,
      channel: input.channel,
      destination: input.destination,
      code_sha256: codeHash(id, code),
      attempts: 0,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      verified_at: null,
    })
    .execute();
  return { id, code, expiresAt };
}

export interface VerifiedChallenge {
  challengeId: string;
  channel: "email" | "sms";
  attempts: number;
  verifiedAt: string;
}

/**
 * FM-6: checks `code` against the draft's latest challenge. Each try is counted by one UPDATE that
 * only succeeds under the limit, so concurrent tries cannot exceed it. A challenge already verified
 * (the applicant fixed a field and signs again) stays verified until it expires.
 * Throws SIGNATURE_CODE_EXPIRED (none, or past 10 minutes), SIGNATURE_CODE_LOCKED (5 tries used),
 * SIGNATURE_CODE_INVALID (wrong code, with the tries used).
 */
export async function verifySignatureCode(
  db: Db,
  draftId: string,
  code: string,
  now: Date,
): Promise<VerifiedChallenge> {
  const challenge = await db
    .selectFrom("signature_challenges")
    .selectAll()
    .where("draft_id", "=", draftId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!challenge || challenge.expires_at <= now.toISOString()) throw new AppError("SIGNATURE_CODE_EXPIRED");
  const verified = (attempts: number, at: string): VerifiedChallenge => ({
    challengeId: challenge.id,
    channel: challenge.channel,
    attempts,
    verifiedAt: at,
  });
  if (challenge.verified_at) return verified(challenge.attempts, challenge.verified_at);
  const counted = await db
    .updateTable("signature_challenges")
    .set({ attempts: sql`attempts + 1` })
    .where("id", "=", challenge.id)
    .where("attempts", "<", MAX_CODE_ATTEMPTS)
    .where("verified_at", "is", null)
    .returning("attempts")
    .executeTakeFirst();
  if (!counted) throw new AppError("SIGNATURE_CODE_LOCKED");
  const attempts = Number(counted.attempts);
  const given = Buffer.from(codeHash(challenge.id, /^\d{6}$/.test(code) ? code : "-"));
  if (!crypto.timingSafeEqual(given, Buffer.from(challenge.code_sha256))) {
    if (attempts >= MAX_CODE_ATTEMPTS) throw new AppError("SIGNATURE_CODE_LOCKED");
    throw new AppError("SIGNATURE_CODE_INVALID", { attempts });
  }
  const at = now.toISOString();
  await db
    .updateTable("signature_challenges")
    .set({ verified_at: at })
    .where("id", "=", challenge.id)
    .execute();
  return verified(attempts, at);
}
