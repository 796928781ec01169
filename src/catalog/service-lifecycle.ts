import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type CatalogActor, publishService } from "./publish-service.js";
import type { ServiceDefinition } from "./service-definition.js";
import { findService, type ServiceVersion } from "./service-versions.repo.js";

/**
 * Publishes the service's draft as its next version (CM-1: the earlier versions stay as they were) and
 * clears the draft; a retired service published again takes applications again.
 * @throws AppError SERVICE_NOT_FOUND, SERVICE_NO_DRAFT, SERVICE_DEFINITION_INVALID
 */
export async function publishServiceDraft(
  handle: DatabaseHandle,
  agencyId: string,
  code: string,
  actor: CatalogActor,
  clock: Clock,
): Promise<ServiceVersion> {
  return withTransaction(handle, async (trx) => {
    const service = await findService(trx, agencyId, code);
    if (!service) throw new AppError("SERVICE_NOT_FOUND");
    if (service.draft === null) throw new AppError("SERVICE_NO_DRAFT");
    return publishService(trx, agencyId, JSON.parse(service.draft) as ServiceDefinition, actor, clock);
  });
}

/**
 * Retires a service: no new applications from now on, its page and API say it is gone; its versions
 * and the applications made with them stay. Audited.
 * @throws AppError SERVICE_NOT_FOUND, SERVICE_RETIRED (already retired)
 */
export async function retireService(
  handle: DatabaseHandle,
  agencyId: string,
  code: string,
  actor: CatalogActor,
  clock: Clock,
): Promise<void> {
  const now = clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    const service = await findService(trx, agencyId, code);
    if (!service) throw new AppError("SERVICE_NOT_FOUND");
    if (service.state === "retired") throw new AppError("SERVICE_RETIRED");
    await trx
      .updateTable("services")
      .set({ state: "retired", retired_at: now, updated_at: now })
      .where("id", "=", service.id)
      .execute();
    await recordAudit(trx, {
      agencyId,
      actor: actor.id,
      action: "service.retired",
      subjectType: "service",
      subjectId: service.id,
      data: { code, version: service.current_version },
      ip: actor.ip,
      at: now,
    });
  });
}
