import type { Db } from "../platform/db/database.js";

/** A licence delivery on one of the person's matters (PD-3): where it went and how it stands. */
export interface PersonDelivery {
  id: string;
  licenceId: string;
  matterId: string;
  channel: string;
  recipient: string | null;
  status: string;
  protected: boolean;
  createdAt: string;
  sentAt: string | null;
  downloadedAt: string | null;
}

/**
 * #17 export (PD-3, s.30): the deliveries of these matters only. The delivered file is the licence's own
 * PDF, which the export already carries; a protected copy's password never leaves the delivery.
 */
export async function listPersonDeliveries(
  db: Db,
  agencyId: string,
  matterIds: readonly string[],
): Promise<PersonDelivery[]> {
  if (matterIds.length === 0) return [];
  const rows = await db
    .selectFrom("licence_deliveries")
    .select([
      "id",
      "licence_id",
      "matter_id",
      "channel",
      "recipient",
      "status",
      "protected",
      "created_at",
      "sent_at",
      "downloaded_at",
    ])
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", [...matterIds])
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    licenceId: r.licence_id,
    matterId: r.matter_id,
    channel: r.channel,
    recipient: r.recipient,
    status: r.status,
    protected: Number(r.protected) === 1,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    downloadedAt: r.downloaded_at,
  }));
}
