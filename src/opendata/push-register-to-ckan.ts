import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { registerMetadata } from "../licensing/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { CkanError, ckanAction } from "./ckan-client.js";
import { type CkanTarget, findCkanTarget, openDataLicenceOf } from "./open-data-settings.js";
import type { OpenDataPushesTable } from "./opendata.table.js";

/** What the open-data room runs with. */
export interface OpenDataDeps {
  handle: DatabaseHandle;
  clock: Clock;
  publicUrl: string;
  log: (msg: string) => void;
}

export type PushOutcome = Pick<
  OpenDataPushesTable,
  "outcome" | "package_id" | "dataset_action" | "resources" | "error"
>;

interface CkanPackage {
  id: string;
  resources?: { id: string; url?: string; format?: string }[];
}

/** The dataset as CKAN takes it: the 14 mandatory items and the rest, resources apart. */
async function datasetFor(deps: OpenDataDeps, agencyId: string, target: CkanTarget) {
  const agency = await findAgency(deps.handle.db, agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const site = agency.licenceOrigin ?? `${deps.publicUrl.replace(/\/+$/, "")}/a/${agency.id}`;
  const licence = await openDataLicenceOf(deps.handle.db, agencyId);
  const { resources, ...fields } = registerMetadata(agency, `${site}/licences`, deps.clock.now(), licence);
  return {
    fields: { ...fields, name: target.dataset, owner_org: target.ownerOrg },
    // URL resources: the exports are live and streamed from the register; an upload would be a stale copy.
    resources: resources.map(({ schema, ...resource }) => ({ ...resource, schema: JSON.stringify(schema) })),
  };
}

/** The calls of one push: the dataset created or patched, then each resource created or updated. */
async function push(target: CkanTarget, dataset: Awaited<ReturnType<typeof datasetFor>>) {
  let existing: CkanPackage | undefined;
  try {
    existing = await ckanAction<CkanPackage>(target, "package_show", { id: target.dataset });
  } catch (error) {
    if (!(error instanceof CkanError && error.type === "Not Found Error")) throw error;
  }
  const pkg = existing
    ? await ckanAction<CkanPackage>(target, "package_patch", { ...dataset.fields, id: existing.id })
    : await ckanAction<CkanPackage>(target, "package_create", dataset.fields);
  const current = existing?.resources ?? pkg.resources ?? [];
  for (const resource of dataset.resources) {
    const same = current.find((r) => r.url === resource.url || r.format === resource.format);
    if (same) await ckanAction(target, "resource_update", { ...resource, id: same.id, package_id: pkg.id });
    else await ckanAction(target, "resource_create", { ...resource, package_id: pkg.id });
  }
  return { packageId: pkg.id, action: existing ? ("updated" as const) : ("created" as const) };
}

/**
 * OD-1, PR-4: pushes the agency's licence register to its CKAN catalogue (`package_show`, then
 * `package_create` or `package_patch` with the 14 mandatory items, then `resource_create` /
 * `resource_update` for the CSV, JSON and XLSX). Whatever happens is recorded with CKAN's own message and
 * audited; a failure is returned, not thrown. Throws OPENDATA_PUSH_NOT_CONFIGURED when there is no
 * catalogue to push to.
 */
export async function pushRegisterToCkan(
  deps: OpenDataDeps,
  agencyId: string,
  actor: string,
): Promise<PushOutcome> {
  const target = await findCkanTarget(deps.handle.db, agencyId);
  if (!target) throw new AppError("OPENDATA_PUSH_NOT_CONFIGURED");
  const startedAt = deps.clock.now().toISOString();
  let outcome: PushOutcome;
  try {
    const { packageId, action } = await push(target, await datasetFor(deps, agencyId, target));
    outcome = { outcome: "pushed", package_id: packageId, dataset_action: action, resources: 3, error: null };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message =
      error instanceof CkanError ? error.message : `unexpected: ${String(error)}`.slice(0, 1000);
    if (!(error instanceof CkanError)) deps.log(`open data push: ${String(error)}`);
    outcome = { outcome: "failed", package_id: null, dataset_action: null, resources: 0, error: message };
  }
  const id = newId();
  const finishedAt = deps.clock.now().toISOString();
  await withTransaction(deps.handle, async (trx) => {
    const last = await trx
      .selectFrom("open_data_pushes")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("agency_id", "=", agencyId)
      .executeTakeFirst();
    await trx
      .insertInto("open_data_pushes")
      .values({
        id,
        agency_id: agencyId,
        seq: Number(last?.seq ?? 0) + 1,
        started_at: startedAt,
        finished_at: finishedAt,
        ckan_url: target.url,
        dataset: target.dataset,
        actor,
        ...outcome,
      })
      .execute();
    await recordAudit(trx, {
      agencyId,
      actor,
      action: "opendata.push",
      subjectType: "open-data-push",
      subjectId: id,
      data: { outcome: outcome.outcome, datasetAction: outcome.dataset_action },
      at: finishedAt,
    });
  });
  return outcome;
}
