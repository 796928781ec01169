import type { Db } from "../platform/db/database.js";
import { findRequestLogEntries, type RequestLogEntryFacts } from "../register/index.js";
import type { RequestLogTable } from "./faq.table.js";
import type { KeysetCursor } from "./keyset-cursor.js";

export interface RequestLogFilter {
  /** YYYY-MM: questions received that month (UTC days; the register's month is close enough for a filter). */
  month?: string;
  serviceId?: string;
  replied?: boolean;
  /** The officer's units (undefined: agency-wide); unrouted questions are seen by the saraban. */
  unitIds?: readonly string[];
  withUnrouted?: boolean;
}

/** RG-2: a row of the log: the officer's fields and the entry's (read at the time, never copied). */
export interface RequestLogLine {
  row: RequestLogTable;
  entry: RequestLogEntryFacts | undefined;
  /** The date replied: recorded in the log, else the register's `answer` action. */
  repliedAt: string | null;
}

const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

/** The agency's logged questions, newest received first, a page at a time (keyset), with their entries. */
export async function listRequestLog(
  db: Db,
  agencyId: string,
  filter: RequestLogFilter,
  page: { after?: KeysetCursor; limit: number; only?: string },
): Promise<{ lines: RequestLogLine[]; next?: KeysetCursor }> {
  let select = db.selectFrom("request_log").selectAll().where("agency_id", "=", agencyId);
  if (page.only) select = select.where("id", "=", page.only);
  if (filter.month)
    select = select
      .where("received_at", ">=", `${filter.month}-01`)
      .where("received_at", "<", `${nextMonth(filter.month)}-01`);
  if (filter.serviceId) select = select.where("service_id", "=", filter.serviceId);
  if (filter.replied !== undefined) select = select.where("answer", filter.replied ? "is not" : "is", null);
  const units = filter.unitIds;
  if (units)
    select = select.where((eb) => {
      const own = units.length > 0 ? [eb("unit_id", "in", [...units])] : [];
      return eb.or(filter.withUnrouted ? [...own, eb("unit_id", "is", null)] : own);
    });
  const after = page.after;
  if (after)
    select = select.where((eb) =>
      eb.or([
        eb("received_at", "<", after.at),
        eb.and([eb("received_at", "=", after.at), eb("id", "<", after.id)]),
      ]),
    );
  const rows = await select
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit);
  const entries = await findRequestLogEntries(
    db,
    agencyId,
    shown.map((r) => r.entry_id),
  );
  const lines = shown.map((row) => {
    const entry = entries.get(row.entry_id);
    return { row, entry, repliedAt: row.replied_at ?? entry?.answeredAt ?? null };
  });
  const last = shown.at(-1);
  return {
    lines,
    next: rows.length > page.limit && last ? { at: last.received_at ?? "", id: last.id } : undefined,
  };
}

/** The log row of an entry, if it was logged (for the matter page's panel). */
export async function findLogOfEntries(db: Db, agencyId: string, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom("request_log")
    .select(["id", "entry_id"])
    .where("agency_id", "=", agencyId)
    .where("entry_id", "in", [...entryIds])
    .execute();
}
