import crypto from "node:crypto";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";

const HOUR_MS = 3_600_000;

/** Flood limits per hour (bad input): topics and posts per account, posts per client address. */
export const POST_LIMITS = { topicsPerAccount: 5, postsPerAccount: 30, postsPerAddress: 60 } as const;

/** A client address as a keyed hash: the limit needs to recognise it, never to know it. */
export const addressKey = (secret: string, ip: string): string =>
  crypto.createHmac("sha256", secret).update(`webboard-address:${ip}`).digest("hex");

/**
 * Counts one more against a subject in this hour and refuses past `limit` with WEBBOARD_TOO_MANY_POSTS
 * {minutes} (429). One upsert-increment in the caller's transaction: concurrent posts take turns on the
 * counter's row, and a refusal rolls the increment back with the post.
 */
export async function countPost(
  trx: Db,
  input: { agencyId: string; subject: string; limit: number; at: Date },
): Promise<void> {
  const start = Math.floor(input.at.getTime() / HOUR_MS) * HOUR_MS;
  const row = await trx
    .insertInto("webboard_post_counters")
    .values({
      agency_id: input.agencyId,
      subject: input.subject,
      window_start: new Date(start).toISOString(),
      count: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(["agency_id", "subject", "window_start"])
        .doUpdateSet((eb) => ({ count: eb("webboard_post_counters.count", "+", 1) })),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  if (Number(row.count) > input.limit) {
    const minutes = Math.max(1, Math.ceil((start + HOUR_MS - input.at.getTime()) / 60_000));
    throw new AppError("WEBBOARD_TOO_MANY_POSTS", { minutes });
  }
}

/** Drops counters of windows ended before `before` (they limit nothing any more). */
export async function purgePostCounters(db: Db, before: Date): Promise<void> {
  await db
    .deleteFrom("webboard_post_counters")
    .where("window_start", "<", new Date(before.getTime() - HOUR_MS).toISOString())
    .execute();
}
