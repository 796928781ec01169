import type { Db } from "../platform/db/database.js";

/** A notification composed for one of the person's matters (PD-3): its text and how it stands. */
export interface PersonNotification {
  id: string;
  matterId: string;
  event: string;
  channel: string;
  language: string;
  text: string;
  status: string;
  sentAt: string | null;
  createdAt: string;
}

/**
 * #17 export (PD-3, s.30): the notifications of these matters only (the matters the export tied to the
 * person). The recipient column is left out: it is an entry or LINE user id, not data of its own.
 */
export async function listPersonNotifications(
  db: Db,
  agencyId: string,
  matterIds: readonly string[],
): Promise<PersonNotification[]> {
  if (matterIds.length === 0) return [];
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "matter_id", "event", "channel", "language", "text", "status", "sent_at", "created_at"])
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", [...matterIds])
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    matterId: r.matter_id,
    event: r.event,
    channel: r.channel,
    language: r.language,
    text: r.text,
    status: r.status,
    sentAt: r.sent_at,
    createdAt: r.created_at,
  }));
}
