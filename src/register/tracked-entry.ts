import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findEntryByNumber } from "./entries.repo.js";
import { isValidTrackingToken } from "./tracking-token.js";

/**
 * The entry a tracking link names (`/requests/:beYear/:sequence?t=`), for the applicant's pages: the
 * token proves the applicant. A malformed number, an unknown entry and a wrong token are all the same
 * 404 (ENTRY_NOT_FOUND), so the pages tell a stranger nothing.
 */
export async function findTrackedEntry(
  db: Db,
  secret: string,
  agencyId: string,
  number: { beYear: string; sequence: string },
  token: unknown,
) {
  const { beYear, sequence } = number;
  if (!/^\d{4}$/.test(beYear) || !/^\d{1,9}$/.test(sequence)) throw new AppError("ENTRY_NOT_FOUND");
  const entry = await findEntryByNumber(db, agencyId, Number(beYear), Number(sequence));
  if (!entry || !isValidTrackingToken(secret, entry.id, typeof token === "string" ? token : ""))
    throw new AppError("ENTRY_NOT_FOUND");
  return entry;
}
