import type { Insertable } from "kysely";
import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import type { Licence } from "./licence.js";
import { indexLicence } from "./licence-search.js";
import { findLicence } from "./licences.repo.js";
import type { LicencesTable } from "./licensing.table.js";

/** What the first event of an edition records: issued, an amendment's or renewal's, a back-fill. */
export interface FirstEvent {
  action: "issue" | "backfill";
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

/**
 * The one insert of a licence edition (issue, amend, renew, back-fill), inside the caller's transaction:
 * the row, its first event and its words for the public register's search (PR-1), so an edition is
 * never in the register without its history nor found without being searchable.
 */
export async function insertLicence(
  trx: Db,
  row: Insertable<LicencesTable>,
  event: FirstEvent,
): Promise<Licence> {
  await trx.insertInto("licences").values(row).execute();
  await trx
    .insertInto("licence_events")
    .values({
      id: newId(),
      agency_id: row.agency_id,
      licence_id: row.id,
      action: event.action,
      from_status: null,
      to_status: row.status,
      reason: null,
      actor: event.actor,
      at: event.at,
      data: JSON.stringify(event.data),
    })
    .execute();
  const licence = (await findLicence(trx, row.agency_id, row.id))!;
  await indexLicence(trx, licence);
  return licence;
}
