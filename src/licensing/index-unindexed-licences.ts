import { listAgencies } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { licenceFromRow } from "./licence.js";
import { indexLicence } from "./licence-search.js";

const LOOK_BACK_MS = 2 * 24 * 3600_000;
const BATCH = 100;

/**
 * PR-1: the safety net of the register's search: editions written in the last two days without their
 * words (a path that forgot `indexLicence`) get them, a batch at a time. Reads by the issue time index,
 * per agency (`licences_register`), never the whole table. Returns how many were indexed.
 */
export async function indexUnindexedLicences(handle: DatabaseHandle, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOOK_BACK_MS).toISOString();
  const agencies = await listAgencies(handle.db);
  const rows = (await Promise.all(agencies.map((agency) => missing(handle.db, agency.id, since)))).flat();
  for (const row of rows) await withTransaction(handle, (trx) => indexLicence(trx, licenceFromRow(row)));
  return rows.length;
}

function missing(db: Db, agencyId: string, since: string) {
  return db
    .selectFrom("licences as l")
    .selectAll("l")
    .where("l.agency_id", "=", agencyId)
    .where("l.issued_at", ">=", since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("licence_search_terms as t")
            .select("t.licence_id")
            .whereRef("t.licence_id", "=", "l.id"),
        ),
      ),
    )
    .limit(BATCH)
    .execute();
}
