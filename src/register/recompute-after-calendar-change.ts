import { type Agency, listAgencies } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import { recomputeOpenDeadlines } from "./recompute-deadlines.js";

/**
 * After `calendar` ("TH" or "agency:<id>") changed in the caller's transaction: the change is audited
 * as `action` with `data`, and every agency observing the calendar has its open entries' working start
 * and CH-4 deadline recomputed (CH-3). Returns how many entries changed deadline.
 */
export async function recomputeAfterCalendarChange(
  trx: Db,
  calendar: string,
  action: string,
  data: unknown,
  ctx: { actor: string; at: string; ip?: string },
): Promise<number> {
  await recordAudit(trx, {
    agencyId: calendar.startsWith("agency:") ? calendar.slice("agency:".length) : null,
    actor: ctx.actor,
    action,
    subjectType: "holiday_calendar",
    subjectId: calendar,
    data,
    ip: ctx.ip,
    at: ctx.at,
  });
  let entriesRecomputed = 0;
  for (const agency of await listAgencies(trx)) {
    if (agency.holidayCalendar !== calendar && `agency:${agency.id}` !== calendar) continue;
    entriesRecomputed += await recomputeAgencyDeadlines(trx, agency, ctx);
  }
  return entriesRecomputed;
}

/**
 * After an agency's business hours or calendar settings changed (in the caller's transaction, the
 * agency given as it now is): its open entries' deadlines are computed again. Returns how many changed.
 */
export async function recomputeAgencyDeadlines(
  trx: Db,
  agency: Agency,
  ctx: { actor: string; at: string },
): Promise<number> {
  return recomputeOpenDeadlines(trx, agency.id, await loadBusinessCalendar(trx, agency), ctx);
}
