import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import type { DataReadKind } from "./privacy.table.js";

/** PD-4: how long the record of reads is kept; the retention part purges older rows by its schedule. */
export const DATA_READS_RETENTION_DAYS = 2 * 365;

/** Rows per INSERT: an export of a whole year lists thousands of matters; both drivers cap bound values. */
const BATCH = 500;

export interface DataReads {
  agencyId: string;
  /** `staff:<id>`: an applicant reading their own matter is not recorded. */
  reader: string;
  what: DataReadKind;
  /** The matters read (a page, a list, an export)… */
  matterIds?: readonly string[];
  /** …or the entries read, each with its matter. */
  entries?: readonly { matterId: string; entryId: string }[];
  at: Date | string;
}

/**
 * PD-6: records that `reader` read these matters' (or entries') personal data, one row each, in one
 * multi-row insert (repeats in the list are written once). Nothing is written for an empty list.
 */
export async function recordDataReads(db: Db, reads: DataReads): Promise<void> {
  const at = typeof reads.at === "string" ? reads.at : reads.at.toISOString();
  const seen = new Set<string>();
  const rows = [
    ...(reads.matterIds ?? []).map((matterId) => ({ matterId, entryId: null as string | null })),
    ...(reads.entries ?? []),
  ]
    .filter((r) => {
      const key = `${r.matterId}/${r.entryId ?? ""}`;
      return !seen.has(key) && seen.add(key);
    })
    .map((r) => ({
      id: newId(),
      agency_id: reads.agencyId,
      matter_id: r.matterId,
      entry_id: r.entryId,
      reader: reads.reader,
      what: reads.what,
      at,
    }));
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto("data_reads")
      .values(rows.slice(i, i + BATCH))
      .execute();
}

export interface DataReadRow {
  id: string;
  matterId: string;
  entryId: string | null;
  reader: string;
  what: DataReadKind;
  at: Date;
}

/** PD-6: the reads of these matters, newest first, a page at a time (`limit` + 1 read to know if more follow). */
export async function listDataReads(
  db: Db,
  input: { agencyId: string; matterIds: readonly string[]; offset: number; limit: number },
): Promise<{ rows: DataReadRow[]; more: boolean }> {
  if (input.matterIds.length === 0) return { rows: [], more: false };
  const found = await db
    .selectFrom("data_reads")
    .select(["id", "matter_id", "entry_id", "reader", "what", "at"])
    .where("agency_id", "=", input.agencyId)
    .where("matter_id", "in", [...input.matterIds])
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(input.limit + 1)
    .offset(input.offset)
    .execute();
  return {
    rows: found.slice(0, input.limit).map((r) => ({
      id: r.id,
      matterId: r.matter_id,
      entryId: r.entry_id,
      reader: r.reader,
      what: r.what,
      at: new Date(r.at),
    })),
    more: found.length > input.limit,
  };
}

/** PD-4: reads older than the schedule's time are deleted (the citizen saw them for that long). */
export async function purgeDataReads(db: Db, agencyId: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("data_reads")
    .where("agency_id", "=", agencyId)
    .where("at", "<", before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
