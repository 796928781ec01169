import { addDays, fromLocal } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import { entryFromRow } from "./entries.repo.js";
import type { Channel, Entry } from "./entry.js";

export interface RegisterFilter {
  /** The register date (local YYYY-MM-DD): entries whose working start falls on it. */
  date: string;
  channel?: Channel;
  /** `received`, `cancelled`, or `unacknowledged` (not yet acknowledged, not cancelled). */
  status?: "received" | "cancelled" | "unacknowledged";
  unitId?: string;
}

/** Where a page ends: the last entry's working start and running number. */
export interface RegisterCursor {
  workingStart: string;
  sequence: number;
}

export const encodeCursor = (c: RegisterCursor) =>
  Buffer.from(`${c.workingStart}|${c.sequence}`).toString("base64url");

export function decodeCursor(text: string | undefined): RegisterCursor | undefined {
  if (!text) return undefined;
  const [workingStart, sequence] = Buffer.from(text, "base64url").toString("utf8").split("|");
  if (!workingStart || !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(workingStart) || !/^\d+$/.test(sequence ?? ""))
    return undefined;
  return { workingStart, sequence: Number(sequence) };
}

/**
 * One page of a day's register in register order, by keyset (working start, running number): the cost
 * of a page does not grow with the size of the register or the page number.
 */
export async function listRegisterPage(
  db: Db,
  agency: { id: string; timeZone: string },
  filter: RegisterFilter,
  page: { after?: RegisterCursor; limit: number },
): Promise<{ entries: Entry[]; next?: RegisterCursor }> {
  const from = fromLocal(filter.date, 0, agency.timeZone).toISOString();
  const to = fromLocal(addDays(filter.date, 1), 0, agency.timeZone).toISOString();
  let query = db
    .selectFrom("entries")
    .selectAll()
    .where("agency_id", "=", agency.id)
    .where("working_start", ">=", from)
    .where("working_start", "<", to);
  if (filter.channel) query = query.where("channel", "=", filter.channel);
  if (filter.unitId) query = query.where("unit_id", "=", filter.unitId);
  if (filter.status === "cancelled") query = query.where("status", "=", "cancelled");
  if (filter.status === "received") query = query.where("status", "=", "received");
  if (filter.status === "unacknowledged")
    query = query.where("status", "!=", "cancelled").where("acknowledged_at", "is", null);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("working_start", ">", after.workingStart),
        eb.and([eb("working_start", "=", after.workingStart), eb("sequence", ">", after.sequence)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("working_start")
    .orderBy("sequence")
    .limit(page.limit + 1)
    .execute();
  const entries = rows.slice(0, page.limit).map(entryFromRow);
  const last = entries.at(-1);
  return {
    entries,
    next:
      rows.length > page.limit && last
        ? { workingStart: last.workingStart.toISOString(), sequence: last.sequence }
        : undefined,
  };
}

export async function listChecks(db: Db, agencyId: string, date: string) {
  return db
    .selectFrom("register_checks")
    .innerJoin("staff", "staff.id", "register_checks.checked_by")
    .select(["register_checks.period", "register_checks.checked_at", "staff.display_name"])
    .where("register_checks.agency_id", "=", agencyId)
    .where("register_checks.check_date", "=", date)
    .execute();
}
