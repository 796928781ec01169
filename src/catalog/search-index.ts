import type { Db } from "../platform/db/database.js";
import { serviceTerms } from "./search-terms.js";
import type { ServiceVersion } from "./service-versions.repo.js";

const BATCH = 200;

/**
 * IF-2: replaces the service's words in the search index with those of `version`, inside the
 * publishing transaction, so a search never sees a half-indexed service.
 */
export async function indexServiceVersion(trx: Db, version: ServiceVersion): Promise<void> {
  await trx.deleteFrom("service_search_terms").where("service_id", "=", version.serviceId).execute();
  const rows = [...serviceTerms(version.definition)].map(([term, { weight, source }]) => ({
    agency_id: version.agencyId,
    service_id: version.serviceId,
    term,
    weight,
    source,
  }));
  await trx.deleteFrom("service_search_names").where("service_id", "=", version.serviceId).execute();
  await trx
    .insertInto("service_search_names")
    .values({ service_id: version.serviceId, agency_id: version.agencyId, name: version.definition.name.th })
    .execute();
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto("service_search_terms")
      .values(rows.slice(i, i + BATCH))
      .execute();
}
