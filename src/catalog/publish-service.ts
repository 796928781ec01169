import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type Db, isPostgres } from "../platform/db/database.js";
import { newId, sha256Hex } from "../platform/ids.js";
import { indexServiceVersion } from "./search-index.js";
import type { ServiceDefinition } from "./service-definition.js";
import { findService, findServiceVersion, type ServiceVersion } from "./service-versions.repo.js";
import { insertService } from "./services.repo.js";
import { validateDefinition } from "./validate-definition.js";

export interface CatalogActor {
  /** Staff id, or `system` for the demo seed. */
  id: string;
  ip?: string;
}

/**
 * Publishes `definition` as the service's next version, inside the caller's transaction; the service is
 * created when the agency has none of that code. A published version never changes (CM-1).
 * @throws AppError SERVICE_DEFINITION_INVALID when the definition breaks the format or a CM-1/ID-1 rule
 */
export async function publishService(
  trx: Db,
  agencyId: string,
  definition: ServiceDefinition,
  actor: CatalogActor,
  clock: Clock,
): Promise<ServiceVersion> {
  validateDefinition(definition);
  const now = clock.now().toISOString();
  // Two admins publishing at once: the second waits for the first's version number (SQLite's
  // BEGIN IMMEDIATE already serialises writers).
  if (isPostgres(trx))
    await trx
      .selectFrom("services")
      .select("id")
      .where("agency_id", "=", agencyId)
      .where("code", "=", definition.code)
      .forUpdate()
      .execute();
  let service = await findService(trx, agencyId, definition.code);
  if (!service) {
    await insertService(trx, { agencyId, code: definition.code, draft: null }, now);
    service = await findService(trx, agencyId, definition.code);
    if (!service) throw new Error("service vanished");
  }
  const version = (service.current_version ?? 0) + 1;
  const text = JSON.stringify(definition);
  const id = newId();
  await trx
    .insertInto("service_versions")
    .values({
      id,
      service_id: service.id,
      agency_id: agencyId,
      version,
      definition: text,
      definition_sha256: sha256Hex(text),
      published_at: now,
      published_by: actor.id,
    })
    .execute();
  await trx
    .updateTable("services")
    .set({ state: "published", current_version: version, draft: null, updated_at: now, retired_at: null })
    .where("id", "=", service.id)
    .execute();
  await recordAudit(trx, {
    agencyId,
    actor: actor.id,
    action: "service.published",
    subjectType: "service",
    subjectId: service.id,
    data: { code: definition.code, version },
    ip: actor.ip,
    at: now,
  });
  const published = await findServiceVersion(trx, id);
  if (!published) throw new Error("service version vanished");
  await indexServiceVersion(trx, published); // #11 search
  return published;
}
