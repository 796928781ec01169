import { termsOf } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import type { Licence } from "./licence.js";
import { publicLicenceReader } from "./register-public-fields.js";

const BATCH = 200;

/** PR-1: the words a reader may search a licence by — everything printed on it, cut as the catalogue cuts. */
export function licenceTerms(
  licence: Pick<Licence, "title" | "number" | "holderName" | "fields" | "serviceCode">,
) {
  const text = [
    licence.title.th,
    licence.title.en,
    licence.number,
    licence.holderName,
    licence.serviceCode.replaceAll("-", " "),
    ...licence.fields.map((field) => field.value),
  ].join(" ");
  return [...new Set(termsOf(text))];
}

/**
 * PR-1: writes a licence edition's words for the register's search. Call it in the transaction that
 * writes the edition (issuance, amendment, back-fill), so the register never lists a licence it cannot
 * find; `indexUnindexedLicences` catches any edition written without it. OD-1: only the lines the
 * register shows give words, so a sensitive line's value (a national ID) never finds its holder.
 */
export async function indexLicence(trx: Db, licence: Licence): Promise<void> {
  await trx.deleteFrom("licence_search_terms").where("licence_id", "=", licence.id).execute();
  const shown = await publicLicenceReader(trx)(licence);
  const rows = licenceTerms(shown).map((term) => ({
    agency_id: licence.agencyId,
    term,
    licence_id: licence.id,
  }));
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto("licence_search_terms")
      .values(rows.slice(i, i + BATCH))
      .execute();
}
