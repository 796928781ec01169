import { addDays, fromLocal } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import { findStaffName } from "../staff/index.js";
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

/** What the register page shows of an entry: a narrow select keeps a page of 100 rows cheap to decode. */
export type RegisterLine = Pick<
  Entry,
  | "id"
  | "matterId"
  | "receiptNumber"
  | "sequence"
  | "senderName"
  | "subject"
  | "channel"
  | "receivedAt"
  | "workingStart"
  | "acknowledgeBy"
  | "acknowledgedAt"
  | "acknowledgedVia"
  | "status"
  | "ackWithheld"
>;

function dayQuery(
  db: Db,
  agency: { id: string; timeZone: string },
  filter: RegisterFilter,
  after?: RegisterCursor,
) {
  const from = fromLocal(filter.date, 0, agency.timeZone).toISOString();
  const to = fromLocal(addDays(filter.date, 1), 0, agency.timeZone).toISOString();
  let query = db
    .selectFrom("entries")
    .where("agency_id", "=", agency.id)
    .where("working_start", ">=", from)
    .where("working_start", "<", to);
  if (filter.channel) query = query.where("channel", "=", filter.channel);
  if (filter.unitId) query = query.where("unit_id", "=", filter.unitId);
  if (filter.status === "cancelled") query = query.where("status", "=", "cancelled");
  if (filter.status === "received") query = query.where("status", "=", "received");
  if (filter.status === "unacknowledged")
    query = query.where("status", "!=", "cancelled").where("acknowledged_at", "is", null);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("working_start", ">", after.workingStart),
        eb.and([eb("working_start", "=", after.workingStart), eb("sequence", ">", after.sequence)]),
      ]),
    );
  }
  // Served by the index entries_register_page (agency_id, working_start, sequence): no sort.
  return query.orderBy("working_start").orderBy("sequence");
}

function paged<T extends { workingStart: Date; sequence: number }>(
  rows: T[],
  limit: number,
): { entries: T[]; next?: RegisterCursor } {
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return {
    entries,
    next:
      rows.length > limit && last
        ? { workingStart: last.workingStart.toISOString(), sequence: last.sequence }
        : undefined,
  };
}

/**
 * One page of a day's register in register order, by keyset (working start, running number): the cost
 * of a page does not grow with the size of the register or the page number. Whole entries, for exports.
 */
export async function listRegisterPage(
  db: Db,
  agency: { id: string; timeZone: string },
  filter: RegisterFilter,
  page: { after?: RegisterCursor; limit: number },
): Promise<{ entries: Entry[]; next?: RegisterCursor }> {
  const rows = await dayQuery(db, agency, filter, page.after)
    .selectAll()
    .limit(page.limit + 1)
    .execute();
  return paged(rows.map(entryFromRow), page.limit);
}

/** The same page with only what the register page shows. */
export async function listRegisterLines(
  db: Db,
  agency: { id: string; timeZone: string },
  filter: RegisterFilter,
  page: { after?: RegisterCursor; limit: number },
): Promise<{ entries: RegisterLine[]; next?: RegisterCursor }> {
  const rows = await dayQuery(db, agency, filter, page.after)
    .select([
      "id",
      "matter_id",
      "receipt_number",
      "sequence",
      "sender_name",
      "subject",
      "channel",
      "received_at",
      "working_start",
      "acknowledge_by",
      "acknowledged_at",
      "acknowledged_via",
      "status",
      "ack_withheld",
    ])
    .limit(page.limit + 1)
    .execute();
  const lines = rows.map((r) => ({
    id: r.id,
    matterId: r.matter_id,
    receiptNumber: r.receipt_number,
    sequence: Number(r.sequence),
    senderName: r.sender_name,
    subject: r.subject,
    channel: r.channel as Channel,
    receivedAt: new Date(r.received_at),
    workingStart: new Date(r.working_start),
    acknowledgeBy: new Date(r.acknowledge_by),
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
    acknowledgedVia: r.acknowledged_via,
    status: r.status as Entry["status"],
    ackWithheld: r.ack_withheld,
  }));
  return paged(lines, page.limit);
}

/** The day's register checks (CH-5), with the name of the officer who made each (staff's own read). */
export async function listChecks(db: Db, agencyId: string, date: string) {
  const checks = await db
    .selectFrom("register_checks")
    .select(["period", "checked_at", "checked_by"])
    .where("agency_id", "=", agencyId)
    .where("check_date", "=", date)
    .execute();
  return Promise.all(
    checks.map(async (c) => ({
      period: c.period,
      checked_at: c.checked_at,
      display_name: (await findStaffName(db, c.checked_by)) ?? "",
    })),
  );
}
