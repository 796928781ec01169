import type { Db } from "../platform/db/database.js";
import { type Broadcast, type BroadcastEvent, broadcastEventOf, broadcastOf } from "./broadcast.js";

/** One of the agency's broadcasts. */
export async function findBroadcast(db: Db, agencyId: string, id: string): Promise<Broadcast | undefined> {
  const row = await db
    .selectFrom("broadcasts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? broadcastOf(row) : undefined;
}

/** The agency's latest broadcasts, newest change first. */
export async function listBroadcasts(db: Db, agencyId: string, limit = 100): Promise<Broadcast[]> {
  const rows = await db
    .selectFrom("broadcasts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(broadcastOf);
}

/** A broadcast's history, oldest first. */
export async function listBroadcastEvents(db: Db, broadcastId: string): Promise<BroadcastEvent[]> {
  const rows = await db
    .selectFrom("broadcast_events")
    .selectAll()
    .where("broadcast_id", "=", broadcastId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map(broadcastEventOf);
}

/** What Borikan itself broadcast since `since` (ISO): how many, and the friends LINE said they reached. */
export async function countSentSince(db: Db, agencyId: string, since: string) {
  const row = await db
    .selectFrom("broadcasts")
    .select((eb) => [
      eb.fn.countAll<string | number>().as("count"),
      eb.fn.sum<string | number | null>("estimated_recipients").as("reached"),
    ])
    .where("agency_id", "=", agencyId)
    .where("status", "=", "sent")
    .where("sent_at", ">=", since)
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), reached: Number(row?.reached ?? 0) };
}
