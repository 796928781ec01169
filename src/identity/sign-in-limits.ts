import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";

/**
 * SC-1: how many code requests (and code checks) a client address may make in a window; generous,
 * since a whole office or a mobile carrier's NAT may share one address.
 */
export const ADDRESS_LIMIT = { max: 30, windowMs: 60_000 };
/** How many codes one email address or phone number may be sent in an hour: nobody is flooded. */
export const DESTINATION_LIMIT = { max: 5, windowMs: 3_600_000 };

/**
 * Counts one attempt under `key` at `now`; false when the key is over its limit. One upsert, atomic on
 * both databases (the row of a key counts in a fixed window, restarted when the window is over); a new
 * window prunes the rows of windows long past.
 */
export async function allowCitizenAttempt(
  db: Db,
  key: string,
  now: Date,
  limit: { max: number; windowMs: number },
): Promise<boolean> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - limit.windowMs).toISOString();
  const current = sql<boolean>`citizen_sign_in_limits.window_started_at > ${since}`;
  const row = await db
    .insertInto("citizen_sign_in_limits")
    .values({ key: key.slice(0, 120), window_started_at: at, attempts: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        attempts: sql`case when ${current} then citizen_sign_in_limits.attempts + 1 else 1 end`,
        window_started_at: sql`case when ${current} then citizen_sign_in_limits.window_started_at else ${at} end`,
      }),
    )
    .returning("attempts")
    .executeTakeFirstOrThrow();
  const attempts = Number(row.attempts);
  if (attempts === 1) {
    // The longest window of any key: older rows are over whatever their limit.
    const old = new Date(now.getTime() - DESTINATION_LIMIT.windowMs).toISOString();
    await db.deleteFrom("citizen_sign_in_limits").where("window_started_at", "<=", old).execute();
  }
  return attempts <= limit.max;
}
