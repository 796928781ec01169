import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import type { ServiceDefinition } from "./service-definition.js";
import { type ServiceVersion, versionFromRow } from "./service-versions.repo.js";

/** An entry of the admins' list: its state, current version and whether a draft waits. */
export interface ServiceSummary {
  id: string;
  code: string;
  state: "draft" | "published" | "retired";
  currentVersion: number | null;
  hasDraft: boolean;
  /** The name of the draft if there is one, else of the current version. */
  name: { th: string; en?: string };
  updatedAt: Date;
}

/** Every service of the agency, by code, for the admin pages. */
export async function listServices(db: Db, agencyId: string): Promise<ServiceSummary[]> {
  const rows = await db
    .selectFrom("services as s")
    .leftJoin("service_versions as v", (join) =>
      join.onRef("v.service_id", "=", "s.id").onRef("v.version", "=", "s.current_version"),
    )
    .select(["s.id", "s.code", "s.state", "s.current_version", "s.draft", "s.updated_at", "v.definition"])
    .where("s.agency_id", "=", agencyId)
    .orderBy("s.code")
    .execute();
  return rows.map((r) => {
    const definition = JSON.parse(r.draft ?? r.definition ?? "{}") as Partial<ServiceDefinition>;
    return {
      id: r.id,
      code: r.code,
      state: r.state,
      currentVersion: r.current_version,
      hasDraft: r.draft !== null,
      name: definition.name ?? { th: r.code },
      updatedAt: new Date(r.updated_at),
    };
  });
}

/** Every published version of a service, newest first. */
export async function listServiceVersions(db: Db, serviceId: string): Promise<ServiceVersion[]> {
  const rows = await db
    .selectFrom("service_versions")
    .selectAll()
    .where("service_id", "=", serviceId)
    .orderBy("version", "desc")
    .execute();
  return rows.map(versionFromRow);
}

/** Version `version` of a service, if it was published. */
export async function findVersionByNumber(
  db: Db,
  serviceId: string,
  version: number,
): Promise<ServiceVersion | undefined> {
  const row = await db
    .selectFrom("service_versions")
    .selectAll()
    .where("service_id", "=", serviceId)
    .where("version", "=", version)
    .executeTakeFirst();
  return row && versionFromRow(row);
}

/** Adds a service to the agency's catalogue, unpublished, with `draft` (JSON) or none; returns its id. */
export async function insertService(
  db: Db,
  input: { agencyId: string; code: string; draft: string | null },
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("services")
    .values({
      id,
      agency_id: input.agencyId,
      code: input.code,
      state: "draft",
      draft: input.draft,
      current_version: null,
      created_at: now,
      updated_at: now,
      retired_at: null,
    })
    .execute();
  return id;
}
