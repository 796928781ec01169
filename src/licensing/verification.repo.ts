import type { Db } from "../platform/db/database.js";
import { type Licence, licenceFromRow } from "./licence.js";

/**
 * LC-3: the agency's edition that carries this verification code (one index lookup on the unique code);
 * the caller compares the number itself, in constant time, so a wrong number and a wrong code look alike.
 */
export async function findLicenceByVerificationCode(
  db: Db,
  agencyId: string,
  code: string,
): Promise<Licence | undefined> {
  const row = await db
    .selectFrom("licences")
    .selectAll()
    .where("verification_code", "=", code)
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  return row && licenceFromRow(row);
}

/** The number and code of the edition that replaced a superseded one, for the link to it. */
export async function findSupersedingEdition(
  db: Db,
  agencyId: string,
  id: string,
): Promise<{ number: string; verificationCode: string; edition: number } | undefined> {
  const row = await db
    .selectFrom("licences")
    .select(["number_text", "verification_code", "edition"])
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return (
    row && { number: row.number_text, verificationCode: row.verification_code, edition: Number(row.edition) }
  );
}
