import type { Db } from "../../platform/db/database.js";

/**
 * #18 ops: LINE events waiting (`pending`, or `processing` under a worker's lease) and given up
 * (`failed`), for /metrics. The `line_events_pending (status, event_at)` index serves it; handled events
 * (nearly all rows) are not read.
 */
export async function countLineEventsByState(
  db: Db,
): Promise<{ pending: number; processing: number; failed: number }> {
  const rows = await db
    .selectFrom("line_events")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", ["pending", "processing", "failed"])
    .groupBy("status")
    .execute();
  const counts = { pending: 0, processing: 0, failed: 0 };
  for (const row of rows) counts[row.status as keyof typeof counts] = Number(row.n);
  return counts;
}
