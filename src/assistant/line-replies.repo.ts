import type { Insertable } from "kysely";
import type { Db } from "../platform/db/database.js";
import type { AssistantRepliesTable, AssistantReplyRow } from "./line-replies.table.js";

/* #17 assistline: the assistant's replies on LINE and the pace of replies per draft. */

export async function insertAssistantReply(trx: Db, row: Insertable<AssistantRepliesTable>): Promise<void> {
  await trx.insertInto("assistant_replies").values(row).execute();
}

/** Whether the event was answered already (it is being handled again after a failure). */
export async function eventAnswered(db: Db, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom("assistant_replies")
    .select("id")
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  return row !== undefined;
}

/** How LINE took the reply: `via` and its time, or the error that kept it from being sent. */
export async function settleAssistantReply(
  db: Db,
  id: string,
  outcome: { via: "line-reply" | "line-push"; at: string; error?: string },
): Promise<void> {
  await db
    .updateTable("assistant_replies")
    .set(
      outcome.error === undefined
        ? { via: outcome.via, sent_at: outcome.at, last_error: null }
        : { via: null, sent_at: null, last_error: outcome.error.slice(0, 500) },
    )
    .where("id", "=", id)
    .execute();
}

/** The replies in a draft, oldest first. */
export async function listAssistantReplies(db: Db, draftId: string): Promise<AssistantReplyRow[]> {
  return db
    .selectFrom("assistant_replies")
    .selectAll()
    .where("draft_id", "=", draftId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * Takes the draft's turn to be answered: true when nothing was answered in it since `cutoff`. One
 * upsert whose update applies only past the cutoff, so two questions at once never both get a turn.
 */
export async function takeReplyTurn(db: Db, draftId: string, at: string, cutoff: string): Promise<boolean> {
  const taken = await db
    .insertInto("assistant_line_pace")
    .values({ draft_id: draftId, last_reply_at: at, replies: 1 })
    .onConflict((oc) =>
      oc
        .column("draft_id")
        .doUpdateSet((eb) => ({ last_reply_at: at, replies: eb("assistant_line_pace.replies", "+", 1) }))
        .where("assistant_line_pace.last_reply_at", "<=", cutoff),
    )
    .returning("replies")
    .executeTakeFirst();
  return taken !== undefined;
}
