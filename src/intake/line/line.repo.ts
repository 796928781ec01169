import type { Insertable } from "kysely";
import { type Db, isUniqueViolation } from "../../platform/db/database.js";
import type {
  LineChannelRow,
  LineChannelsTable,
  LineDeliveriesTable,
  LineEventsTable,
  LineRepliesTable,
} from "./line.table.js";

/*
 * The LINE intake's tables, but drafts (line-drafts.repo.ts) and the events' queue (line-event-queue.ts):
 * channels, deliveries, events as stored, replies, groups.
 */

export async function findLineChannel(db: Db, agencyId: string): Promise<LineChannelRow | undefined> {
  return db.selectFrom("line_channels").selectAll().where("agency_id", "=", agencyId).executeTakeFirst();
}

export async function findEnabledLineChannel(db: Db, agencyId: string): Promise<LineChannelRow | undefined> {
  return db
    .selectFrom("line_channels")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("enabled", "=", 1)
    .executeTakeFirst();
}

export async function listEnabledLineChannels(db: Db): Promise<LineChannelRow[]> {
  return db.selectFrom("line_channels").selectAll().where("enabled", "=", 1).execute();
}

/** Connects (or changes) the agency's channel. */
export async function saveLineChannel(
  db: Db,
  agencyId: string,
  settings: Omit<Insertable<LineChannelsTable>, "agency_id">,
): Promise<void> {
  await db
    .insertInto("line_channels")
    .values({ agency_id: agencyId, ...settings })
    .onConflict((oc) => oc.column("agency_id").doUpdateSet(settings))
    .execute();
}

export async function insertLineDelivery(trx: Db, delivery: Insertable<LineDeliveriesTable>): Promise<void> {
  await trx.insertInto("line_deliveries").values(delivery).execute();
}

/** Stores one event unless the agency has it already (a redelivery: same webhookEventId). */
export async function insertLineEventOnce(trx: Db, event: Insertable<LineEventsTable>): Promise<void> {
  await trx
    .insertInto("line_events")
    .values(event)
    .onConflict((oc) => oc.columns(["agency_id", "webhook_event_id"]).doNothing())
    .execute()
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
}

export async function insertLineReply(trx: Db, reply: Insertable<LineRepliesTable>): Promise<void> {
  await trx.insertInto("line_replies").values(reply).execute();
}

export async function markLineReplySent(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable("line_replies").set({ sent_at: at }).where("id", "=", id).execute();
}

export async function markLineReplyFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable("line_replies")
    .set({ last_error: error.slice(0, 500) })
    .where("id", "=", id)
    .execute();
}

/** Claims the group or room's one refusal: an insert that concurrent events cannot both win. */
export async function claimGroupRefusal(
  db: Db,
  agencyId: string,
  chatId: string,
  at: string,
): Promise<boolean> {
  const claimed = await db
    .insertInto("line_group_refusals")
    .values({ agency_id: agencyId, chat_id: chatId, refused_at: at })
    .onConflict((oc) => oc.columns(["agency_id", "chat_id"]).doNothing())
    .returning("chat_id")
    .executeTakeFirst();
  return Boolean(claimed);
}

export async function forgetGroupRefusal(db: Db, agencyId: string, chatId: string): Promise<void> {
  await db
    .deleteFrom("line_group_refusals")
    .where("agency_id", "=", agencyId)
    .where("chat_id", "=", chatId)
    .execute();
}
