import type { Db } from "../platform/db/database.js";

/** The outbox's states an operator watches: waiting, in hand, given up, and cut off mid-send. */
export const WATCHED_OUTBOX_STATES = ["pending", "sending", "failed", "uncertain", "not_configured"] as const;
export type WatchedOutboxState = (typeof WATCHED_OUTBOX_STATES)[number];

/**
 * #18 ops: how many messages are in each watched state, for /metrics and /readyz. Sent messages (nearly
 * all rows) are not counted: the `outbox_due (status, next_attempt_at)` index reads only the few others.
 */
export async function countOutboxByState(db: Db): Promise<Record<WatchedOutboxState, number>> {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", [...WATCHED_OUTBOX_STATES])
    .groupBy("status")
    .execute();
  const counts = Object.fromEntries(WATCHED_OUTBOX_STATES.map((s) => [s, 0])) as Record<
    WatchedOutboxState,
    number
  >;
  for (const row of rows) counts[row.status as WatchedOutboxState] = Number(row.n);
  return counts;
}
