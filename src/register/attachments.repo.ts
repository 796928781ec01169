import type { Db } from "../platform/db/database.js";
import type { AttachmentRow } from "./register.table.js";

/** One file of one of the agency's entries, or undefined. */
export async function findEntryAttachment(
  db: Db,
  agencyId: string,
  entryId: string,
  fileId: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom("attachments")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("entry_id", "=", entryId)
    .where("id", "=", fileId)
    .executeTakeFirst();
}

/** Stored HEIC/HEIF photos that have no copy to view yet (`setViewableCopy`), at most `limit`. */
export async function listPhotosWithoutViewableCopy(
  db: Db,
  limit: number,
): Promise<{ id: string; storageKey: string }[]> {
  const rows = await db
    .selectFrom("attachments")
    .select(["id", "storage_key"])
    .where("media_type", "in", ["image/heic", "image/heif"])
    .where("storage_key", "is not", null)
    .where("viewable_key", "is", null)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, storageKey: r.storage_key! }));
}

/** The stored copy officers' browsers can show, beside the original (which stays the record, RG-4). */
export async function setViewableCopy(db: Db, attachmentId: string, viewableKey: string): Promise<void> {
  await db
    .updateTable("attachments")
    .set({ viewable_key: viewableKey })
    .where("id", "=", attachmentId)
    .execute();
}
