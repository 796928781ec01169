import { recordAudit } from "../audit/index.js";
import { acknowledgeBy, type BusinessCalendar, workingStart } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import { listUnacknowledgedEntries } from "./entries.repo.js";

/**
 * After the holidays or hours change, entries still awaiting acknowledgement get their working start
 * and CH-4 deadline computed again from their unchanged receipt time. Receipt numbers never change.
 * Each change is audited with the old and new values. Returns how many entries changed.
 */
export async function recomputeOpenDeadlines(
  trx: Db,
  agencyId: string,
  calendar: BusinessCalendar,
  ctx: { actor: string; at: string },
): Promise<number> {
  let changed = 0;
  for (const entry of await listUnacknowledgedEntries(trx, agencyId)) {
    const newStart = workingStart(calendar, entry.receivedAt).toISOString();
    const newDeadline = acknowledgeBy(calendar, entry.receivedAt).toISOString();
    if (newStart === entry.workingStart.toISOString() && newDeadline === entry.acknowledgeBy.toISOString())
      continue;
    await trx
      .updateTable("entries")
      .set({ working_start: newStart, acknowledge_by: newDeadline })
      .where("id", "=", entry.id)
      .execute();
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "entry.recompute-deadline",
      subjectType: "entry",
      subjectId: entry.id,
      data: {
        workingStart: { from: entry.workingStart.toISOString(), to: newStart },
        acknowledgeBy: { from: entry.acknowledgeBy.toISOString(), to: newDeadline },
      },
      at: ctx.at,
    });
    changed++;
  }
  return changed;
}
