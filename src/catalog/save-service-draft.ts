import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { CatalogActor } from "./publish-service.js";
import type { ServiceDefinition } from "./service-definition.js";
import { findService } from "./service-versions.repo.js";
import { insertService } from "./services.repo.js";
import { validateDefinition } from "./validate-definition.js";

/**
 * How the draft arrives: `create` makes a new service (its code must be free), `edit` changes the
 * draft of the service `code` (the file must keep that code), `import` does either by the file's code.
 */
export type DraftMode = { kind: "create" } | { kind: "edit"; code: string } | { kind: "import" };

/**
 * Keeps `input` as the service's draft (`services.draft`), checked exactly as publishing checks it, so a
 * draft is always publishable; the published versions are left as they are. Audited.
 * @throws AppError SERVICE_DEFINITION_INVALID, SERVICE_EXISTS (create), SERVICE_NOT_FOUND (edit),
 *   SERVICE_CODE_MISMATCH (edit with another code)
 */
export async function saveServiceDraft(
  handle: DatabaseHandle,
  agencyId: string,
  input: unknown,
  mode: DraftMode,
  actor: CatalogActor,
  clock: Clock,
): Promise<ServiceDefinition> {
  const definition = validateDefinition(input);
  if (mode.kind === "edit" && definition.code !== mode.code)
    throw new AppError("SERVICE_CODE_MISMATCH", { code: definition.code });
  const now = clock.now().toISOString();
  const draft = JSON.stringify(definition);
  await withTransaction(handle, async (trx) => {
    const existing = await findService(trx, agencyId, definition.code);
    if (existing && mode.kind === "create") throw new AppError("SERVICE_EXISTS", { code: definition.code });
    if (!existing && mode.kind === "edit") throw new AppError("SERVICE_NOT_FOUND");
    let id: string;
    if (existing) {
      id = existing.id;
      await trx.updateTable("services").set({ draft, updated_at: now }).where("id", "=", id).execute();
    } else id = await insertService(trx, { agencyId, code: definition.code, draft }, now);
    await recordAudit(trx, {
      agencyId,
      actor: actor.id,
      action: "service.draft-saved",
      subjectType: "service",
      subjectId: id,
      data: { code: definition.code, created: !existing, source: mode.kind },
      ip: actor.ip,
      at: now,
    });
  });
  return definition;
}
