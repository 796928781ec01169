import type { Db } from "../platform/db/database.js";
import { type Matter, matterFromRow } from "./matter.js";

/**
 * LF-5: applications of every agency whose manual's time ran out at or before `now` and that are still
 * undecided, open and not waiting for the applicant (a paused clock is not late), oldest due first.
 */
export async function listDelayedApplications(db: Db, now: Date, limit = 500): Promise<Matter[]> {
  const rows = await db
    .selectFrom("matters")
    .selectAll()
    .where("kind", "=", "application")
    .where("due_at", "is not", null)
    .where("due_at", "<=", now.toISOString())
    .where("decided_at", "is", null)
    .where("ended_at", "is", null)
    .where("paused_at", "is", null)
    .orderBy("due_at")
    .limit(limit)
    .execute();
  return rows.map(matterFromRow);
}
