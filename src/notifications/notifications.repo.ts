import type { Db } from "../platform/db/database.js";
import type { NotificationRow, NotificationsTable } from "./notifications.table.js";

const CURSOR = "timeline";

/** Where the sweep has read the timeline to, or null before its first pass. */
export async function findCursor(db: Db): Promise<{ at: string; id: string } | null> {
  const row = await db
    .selectFrom("notification_cursor")
    .select(["after_at", "after_id"])
    .where("id", "=", CURSOR)
    .executeTakeFirst();
  return row ? { at: row.after_at, id: row.after_id } : null;
}

/** Moves the cursor forward only: two sweeps racing never move it back. */
export async function saveCursor(db: Db, to: { at: string; id: string }, now: string): Promise<void> {
  await db
    .insertInto("notification_cursor")
    .values({ id: CURSOR, after_at: to.at, after_id: to.id, updated_at: now })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await db
    .updateTable("notification_cursor")
    .set({ after_at: to.at, after_id: to.id, updated_at: now })
    .where("id", "=", CURSOR)
    .where((eb) =>
      eb.or([eb("after_at", "<", to.at), eb.and([eb("after_at", "=", to.at), eb("after_id", "<", to.id)])]),
    )
    .execute();
}

/** Which of these timeline actions are notified already. */
export async function notifiedActions(db: Db, actionIds: readonly string[]): Promise<Set<string>> {
  if (actionIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("notifications")
    .select("matter_action_id")
    .where("matter_action_id", "in", [...actionIds])
    .execute();
  return new Set(rows.map((r) => r.matter_action_id));
}

/** Writes a notification unless its action has one already: true when this call wrote it. */
export async function insertNotification(trx: Db, row: NotificationsTable): Promise<boolean> {
  const result = await trx
    .insertInto("notifications")
    .values(row)
    .onConflict((oc) => oc.column("matter_action_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateNotification(
  db: Db,
  id: string,
  set: Partial<Pick<NotificationsTable, "status" | "attempts" | "sent_at" | "error" | "updated_at">>,
): Promise<void> {
  await db.updateTable("notifications").set(set).where("id", "=", id).execute();
}

/** LINE pushes not yet answered (a crash, a failure to retry), oldest first. */
export async function listPendingPushes(db: Db, limit: number): Promise<NotificationRow[]> {
  return db
    .selectFrom("notifications")
    .selectAll()
    .where("status", "=", "pending")
    .where("channel", "=", "line")
    .orderBy("created_at")
    .limit(limit)
    .execute();
}

/** A matter's notifications, oldest first. */
export async function listMatterNotifications(db: Db, matterId: string): Promise<NotificationRow[]> {
  return db
    .selectFrom("notifications")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("action_version")
    .execute();
}
