import type { Db } from "../platform/db/database.js";
import { type Matter, matterFromRow } from "./matter.js";

/** An application past its time, with when it was last noticed as late (LF-5), if ever. */
export interface DelayedApplication {
  matter: Matter;
  lastNoticeAt: Date | null;
}

/**
 * LF-5: applications of every agency whose manual's time ran out at or before `now` and that are still
 * undecided, open and not waiting for the applicant (a paused clock is not late), by due time then id,
 * a page at a time after `after` (keyset), each with its latest `notify-delay` time.
 */
export async function listDelayedApplications(
  db: Db,
  now: Date,
  page: { after?: { dueAt: string; id: string }; limit?: number } = {},
): Promise<DelayedApplication[]> {
  let query = db
    .selectFrom("matters")
    .selectAll("matters")
    .select((eb) =>
      eb
        .selectFrom("matter_actions as a")
        .select((e) => e.fn.max("a.at").as("at"))
        .whereRef("a.matter_id", "=", "matters.id")
        .where("a.action", "=", "notify-delay")
        .as("last_notice_at"),
    )
    .where("kind", "=", "application")
    .where("due_at", "is not", null)
    .where("due_at", "<=", now.toISOString())
    .where("decided_at", "is", null)
    .where("ended_at", "is", null)
    .where("paused_at", "is", null);
  const after = page.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb("due_at", ">", after.dueAt),
        eb.and([eb("due_at", "=", after.dueAt), eb("id", ">", after.id)]),
      ]),
    );
  const rows = await query
    .orderBy("due_at")
    .orderBy("id")
    .limit(page.limit ?? 500)
    .execute();
  return rows.map(({ last_notice_at, ...row }) => ({
    matter: matterFromRow(row),
    lastNoticeAt: last_notice_at ? new Date(String(last_notice_at)) : null,
  }));
}
