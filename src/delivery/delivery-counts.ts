import type { Db } from "../platform/db/database.js";

/**
 * #18 ops: licence deliveries still waiting to go (`queued`) and given up (`failed`), for /metrics. The
 * `licence_deliveries_open (status, created_at)` index serves it.
 */
export async function countOpenDeliveries(db: Db): Promise<{ queued: number; failed: number }> {
  const rows = await db
    .selectFrom("licence_deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", ["queued", "failed"])
    .groupBy("status")
    .execute();
  const counts = { queued: 0, failed: 0 };
  for (const row of rows) counts[row.status as keyof typeof counts] = Number(row.n);
  return counts;
}
