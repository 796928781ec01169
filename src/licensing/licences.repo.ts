import type { Db } from "../platform/db/database.js";
import { isPostgres } from "../platform/db/database.js";
import { type Licence, licenceFromRow } from "./licence.js";
import { findLicenceByVerificationCode } from "./verification.repo.js";

/** A licence of the agency by id; undefined when it is another agency's or none. */
export async function findLicence(db: Db, agencyId: string, id: string): Promise<Licence | undefined> {
  const row = await db
    .selectFrom("licences")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && licenceFromRow(row);
}

/** The row locked until commit on PostgreSQL (SQLite's write transaction holds every row already). */
export async function lockLicence(trx: Db, agencyId: string, id: string): Promise<Licence | undefined> {
  const query = trx.selectFrom("licences").selectAll().where("agency_id", "=", agencyId).where("id", "=", id);
  const row = await (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
  return row && licenceFromRow(row);
}

/**
 * LC-3: the edition a verification link names: its number as printed and the code stored with it.
 * Undefined for a wrong number or code alike, so the page cannot tell which was wrong.
 */
export async function findLicenceByCode(
  db: Db,
  agencyId: string,
  number: string,
  code: string,
): Promise<Licence | undefined> {
  const licence = await findLicenceByVerificationCode(db, agencyId, code);
  return licence?.number === number ? licence : undefined;
}

/** Every edition of a matter's licence, the newest first. */
export async function listMatterLicences(db: Db, matterId: string): Promise<Licence[]> {
  const rows = await db
    .selectFrom("licences")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("edition", "desc")
    .execute();
  return rows.map(licenceFromRow);
}
