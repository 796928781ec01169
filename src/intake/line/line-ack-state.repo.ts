import type { Db } from "../../platform/db/database.js";

/*
 * #18 line-ack (CH-4): where a LINE acknowledgement stands, on the draft that became the entry. The same
 * discipline as the outbox's `send_started_at`: marked started (committed) before LINE is called, so a
 * process that dies after LINE took it never lets another say the receipt number a second time.
 */

/** Marks the entry's acknowledgement started; false when it was started before (then never send again). */
export async function startLineAcknowledgement(db: Db, entryId: string, at: string): Promise<boolean> {
  const marked = await db
    .updateTable("line_drafts")
    .set({ ack_started_at: at })
    .where("entry_id", "=", entryId)
    .where("ack_started_at", "is", null)
    .executeTakeFirst();
  return Number(marked.numUpdatedRows) === 1;
}

/** LINE refused it or never answered: nothing went out, so the next handling may send it. */
export async function clearLineAcknowledgementStart(db: Db, entryId: string): Promise<void> {
  await db.updateTable("line_drafts").set({ ack_started_at: null }).where("entry_id", "=", entryId).execute();
}

/** Started before and never recorded as done: it may or may not have gone out (first finding kept). */
export async function markLineAcknowledgementUncertain(db: Db, entryId: string, at: string): Promise<void> {
  await db
    .updateTable("line_drafts")
    .set({ ack_uncertain_at: at })
    .where("entry_id", "=", entryId)
    .where("ack_uncertain_at", "is", null)
    .execute();
}

/**
 * The register's view: `line-uncertain` for each of `entryIds` whose LINE acknowledgement a crash left
 * uncertain (an entry acknowledged since, by LINE or by an officer, shows as acknowledged whatever this says).
 */
export async function findLineAcknowledgementStatuses(
  db: Db,
  entryIds: string[],
): Promise<Map<string, string>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("line_drafts")
    .select("entry_id")
    .where("entry_id", "in", entryIds)
    .where("ack_uncertain_at", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.entry_id!, "line-uncertain"]));
}
