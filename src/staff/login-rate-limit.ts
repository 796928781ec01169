import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";

/**
 * SC-1: sign-in attempts per client address, counted in the database so that the limit holds across
 * route prefixes (`/` and `/a/<agency>`) and processes. It slows guessing across accounts, while the
 * per-account lockout stops guessing one account from many addresses. Generous: a whole office may sign
 * in from behind one NAT address.
 */
export const ADDRESS_LIMIT = { max: 30, windowMs: 60_000 };

/**
 * Records an attempt from `address` at `now`; false when the address is over its limit. One upsert,
 * atomic on both databases: the row of the address counts attempts in a fixed window, restarted when
 * the window is over. A new window also prunes the rows of windows past.
 */
export async function allowSignInAttempt(
  db: Db,
  address: string,
  now: Date,
  limit: { max: number; windowMs: number } = ADDRESS_LIMIT,
): Promise<boolean> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - limit.windowMs).toISOString();
  const current = sql<boolean>`sign_in_limits.window_started_at > ${since}`;
  const row = await db
    .insertInto("sign_in_limits")
    .values({ address: address.slice(0, 100), window_started_at: at, attempts: 1 })
    .onConflict((oc) =>
      oc.column("address").doUpdateSet({
        attempts: sql`case when ${current} then sign_in_limits.attempts + 1 else 1 end`,
        window_started_at: sql`case when ${current} then sign_in_limits.window_started_at else ${at} end`,
      }),
    )
    .returning("attempts")
    .executeTakeFirstOrThrow();
  const attempts = Number(row.attempts);
  if (attempts === 1) await db.deleteFrom("sign_in_limits").where("window_started_at", "<=", since).execute();
  return attempts <= limit.max;
}
