import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";
import { type Licence, licenceFromRow } from "./licence.js";
import type { LicenceStatus } from "./licensing.table.js";

export interface LicenceListFilter {
  /** One status, or undefined for every edition still current (all but superseded). */
  status?: LicenceStatus;
  /** Part of the number as printed or of the holder's name. */
  q?: string;
  /** An officer bound to units sees their units' licences only; undefined: the agency's. */
  unitIds?: readonly string[];
  offset: number;
  limit: number;
}

/** LIKE's wildcards and escape taken out of a search, so it matches the text as typed on both databases. */
const likeText = (q: string) => `%${q.replace(/[%_\\]/g, "")}%`;

/** The agency's licences for the officers' list, the newest first, with the count of all that match. */
export async function listAgencyLicences(
  db: Db,
  agencyId: string,
  filter: LicenceListFilter,
): Promise<{ licences: Licence[]; total: number }> {
  let query = db.selectFrom("licences").where("agency_id", "=", agencyId);
  query = filter.status
    ? query.where("status", "=", filter.status)
    : query.where("status", "!=", "superseded");
  if (filter.unitIds)
    query =
      filter.unitIds.length > 0
        ? query.where("unit_id", "in", [...filter.unitIds])
        : query.where(sql<boolean>`1 = 0`);
  const q = filter.q?.trim();
  if (q)
    query = query.where((eb) =>
      eb.or([eb("number_text", "like", likeText(q)), eb("holder_name", "like", likeText(q))]),
    );
  const count = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy("issued_at", "desc")
    .orderBy("id")
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return { licences: rows.map(licenceFromRow), total: Number(count?.n ?? 0) };
}

export interface LicenceEvent {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  actor: string;
  at: string;
}

/** A licence's lifecycle as it happened, the oldest first. */
export async function listLicenceEvents(
  db: Db,
  agencyId: string,
  licenceId: string,
): Promise<LicenceEvent[]> {
  const rows = await db
    .selectFrom("licence_events")
    .select(["action", "from_status", "to_status", "reason", "actor", "at"])
    .where("agency_id", "=", agencyId)
    .where("licence_id", "=", licenceId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reason: r.reason,
    actor: r.actor,
    at: r.at,
  }));
}
