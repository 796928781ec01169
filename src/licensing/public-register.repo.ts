import { queryTermsOf } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { type Licence, licenceFromRow } from "./licence.js";
import type { LicenceStatus } from "./licensing.table.js";

/** PR-1: the statuses a current edition may have; superseded editions are not listed. */
export const REGISTER_STATUSES = ["issued", "suspended", "revoked", "expired"] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

/** Where a page of the register starts: after this (issued_at, id), newest first. */
export interface RegisterCursor {
  issuedAt: string;
  id: string;
}

export interface RegisterQuery {
  /** Thai or English words (all must be printed on the licence) or a licence number as printed. */
  q?: string;
  service?: string;
  status?: RegisterStatus;
  after?: RegisterCursor;
  limit: number;
}

export interface RegisterPage {
  licences: Licence[];
  /** The cursor of the next page; undefined on the last. */
  next?: RegisterCursor;
}

/**
 * PR-1, LC-3: a page of the agency's public register: displayed licences, current editions only (a
 * revoked, suspended or expired one shown with its status), no confidential one (as the exports), newest first, by keyset over the
 * `licences_register` indexes. A query that is a licence number as printed finds it by the number's
 * unique index; otherwise every word of the query must be among the licence's indexed words.
 */
export async function listRegisterLicences(
  db: Db,
  agencyId: string,
  query: RegisterQuery,
): Promise<RegisterPage> {
  const q = query.q?.trim() ?? "";
  let select = db
    .selectFrom("licences as l")
    .selectAll("l")
    .where("l.agency_id", "=", agencyId)
    .where("l.displayed", "=", 1)
    .where("l.confidential", "=", 0)
    .where("l.status", "!=", "superseded" satisfies LicenceStatus);
  if (query.service) select = select.where("l.service_code", "=", query.service);
  if (query.status) select = select.where("l.status", "=", query.status);
  if (query.after) {
    const { issuedAt, id } = query.after;
    select = select.where((eb) =>
      eb.or([
        eb("l.issued_at", "<", issuedAt),
        eb.and([eb("l.issued_at", "=", issuedAt), eb("l.id", "<", id)]),
      ]),
    );
  }
  if (q !== "") {
    const byNumber = await select.where("l.number_text", "=", q).execute();
    if (byNumber.length > 0) return { licences: byNumber.map(licenceFromRow) };
    const terms = queryTermsOf(q);
    if (terms.length === 0) return { licences: [] };
    for (const term of terms)
      select = select.where("l.id", "in", (eb) =>
        eb
          .selectFrom("licence_search_terms as t")
          .select("t.licence_id")
          .where("t.agency_id", "=", agencyId)
          .where("t.term", "=", term),
      );
  }
  const rows = await select
    .orderBy("l.issued_at", "desc")
    .orderBy("l.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const licences = rows.slice(0, query.limit).map(licenceFromRow);
  const last = licences.at(-1);
  return rows.length > query.limit && last
    ? { licences, next: { issuedAt: last.issuedAt, id: last.id } }
    : { licences };
}

/** PR-1: a licence of the register by id; undefined when another agency's, not displayed, confidential, or none. */
export async function findRegisterLicence(
  db: Db,
  agencyId: string,
  id: string,
): Promise<Licence | undefined> {
  const row = await db
    .selectFrom("licences")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .where("displayed", "=", 1)
    .where("confidential", "=", 0)
    .executeTakeFirst();
  return row && licenceFromRow(row);
}

/** The current edition of a superseded licence, if displayed: the register points to it. */
export async function findCurrentEdition(
  db: Db,
  agencyId: string,
  licence: Licence,
): Promise<Licence | undefined> {
  let current = licence;
  for (let hops = 0; current.supersededBy && hops < 50; hops++) {
    const next = await findRegisterLicence(db, agencyId, current.supersededBy);
    if (!next) return undefined;
    current = next;
  }
  return current === licence ? undefined : current;
}

/** The largest place a display screen may ask for; past the last licence it starts again at the first. */
export const MAX_DISPLAY_INDEX = 100_000;

/**
 * LC-3 display mode: the `index`-th current displayed licence (newest first, of one service or all),
 * wrapping to the first past the end; undefined when there is none at all.
 */
export async function displayedLicenceAt(
  db: Db,
  agencyId: string,
  service: string | undefined,
  index: number,
): Promise<{ licence: Licence; index: number } | undefined> {
  const at = async (offset: number) => {
    let select = db
      .selectFrom("licences")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .where("displayed", "=", 1)
      .where("confidential", "=", 0)
      .where("status", "!=", "superseded" satisfies LicenceStatus);
    if (service) select = select.where("service_code", "=", service);
    const row = await select
      .orderBy("issued_at", "desc")
      .orderBy("id", "desc")
      .offset(offset)
      .limit(1)
      .executeTakeFirst();
    return row && licenceFromRow(row);
  };
  const licence = await at(index);
  if (licence) return { licence, index };
  const first = index > 0 ? await at(0) : undefined;
  return first && { licence: first, index: 0 };
}
