import type { Insertable } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { LineDraftItemRow, LineDraftItemsTable, LineDraftRow, LineDraftsTable } from "./line.table.js";

/* A LINE user's draft and its items (texts and files) until it is registered as one entry. */

/** The user's draft still gathering items or waiting for the name, if any. */
export async function openDraft(db: Db, agencyId: string, userId: string): Promise<LineDraftRow | undefined> {
  return db
    .selectFrom("line_drafts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("user_id", "=", userId)
    .where("status", "in", ["open", "awaiting_name"])
    .orderBy("opened_at", "desc")
    .executeTakeFirst();
}

export async function insertDraft(db: Db, draft: Insertable<LineDraftsTable>): Promise<void> {
  await db.insertInto("line_drafts").values(draft).execute();
}

export async function listOpenDrafts(db: Db, agencyId: string): Promise<LineDraftRow[]> {
  return db
    .selectFrom("line_drafts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("status", "=", "open")
    .execute();
}

/** The entry registered by the handling of this (name) event, if it got that far. */
export async function findEntryOfNameEvent(db: Db, eventId: string): Promise<string | undefined> {
  const draft = await db
    .selectFrom("line_drafts")
    .select("entry_id")
    .where("name_event_id", "=", eventId)
    .executeTakeFirst();
  return draft?.entry_id ?? undefined;
}

/** CH-3: the Submit tap fixes the receipt time; the full name is asked next. */
export async function awaitName(db: Db, draftId: string, submittedAt: string, now: string): Promise<void> {
  await db
    .updateTable("line_drafts")
    .set({ status: "awaiting_name", submitted_at: submittedAt, last_activity_at: now })
    .where("id", "=", draftId)
    .execute();
}

/** A quiet draft counts as submitted at `submittedAt`; false when it was no longer open. */
export async function submitQuietDraft(db: Db, draftId: string, submittedAt: string): Promise<boolean> {
  const moved = await db
    .updateTable("line_drafts")
    .set({ status: "awaiting_name", submitted_at: submittedAt })
    .where("id", "=", draftId)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}

export async function setDraftMatter(db: Db, draftId: string, matterId: string): Promise<void> {
  await db.updateTable("line_drafts").set({ matter_id: matterId }).where("id", "=", draftId).execute();
}

export async function touchDraft(db: Db, draftId: string, at: string): Promise<void> {
  await db.updateTable("line_drafts").set({ last_activity_at: at }).where("id", "=", draftId).execute();
}

/** The draft became the entry `entryId` (only from `awaiting_name`, in the registering transaction). */
export async function markDraftRegistered(
  trx: Db,
  draftId: string,
  done: { fullName: string; entryId: string; nameEventId: string },
): Promise<void> {
  await trx
    .updateTable("line_drafts")
    .set({
      status: "submitted",
      full_name: done.fullName,
      entry_id: done.entryId,
      name_event_id: done.nameEventId,
    })
    .where("id", "=", draftId)
    .where("status", "=", "awaiting_name")
    .execute();
}

/** Adds an item unless the event already added one (an event handled again). */
export async function insertDraftItem(db: Db, item: Insertable<LineDraftItemsTable>): Promise<void> {
  await db
    .insertInto("line_draft_items")
    .values(item)
    .onConflict((oc) => oc.columns(["draft_id", "event_id"]).doNothing())
    .execute();
}

/** The draft's items in the order the user sent them. */
export async function listDraftItems(db: Db, draftId: string): Promise<LineDraftItemRow[]> {
  return db
    .selectFrom("line_draft_items")
    .selectAll()
    .where("draft_id", "=", draftId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** When the draft's last item came, or undefined for a draft without items. */
export async function lastItemAt(db: Db, draftId: string): Promise<string | undefined> {
  const last = await db
    .selectFrom("line_draft_items")
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("draft_id", "=", draftId)
    .executeTakeFirst();
  return last?.at ? String(last.at) : undefined;
}
