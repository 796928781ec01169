import type { Db } from "../platform/db/database.js";
import type { ServiceRow, ServiceVersionRow } from "./catalog.table.js";
import type { ServiceDefinition } from "./service-definition.js";

/** A published version of a service, as every later step reads it (never changed once published). */
export interface ServiceVersion {
  id: string;
  serviceId: string;
  agencyId: string;
  version: number;
  definition: ServiceDefinition;
  definitionSha256: string;
  publishedAt: Date;
  publishedBy: string;
}

export const versionFromRow = (row: ServiceVersionRow): ServiceVersion => ({
  id: row.id,
  serviceId: row.service_id,
  agencyId: row.agency_id,
  version: row.version,
  definition: JSON.parse(row.definition) as ServiceDefinition,
  definitionSha256: row.definition_sha256,
  publishedAt: new Date(row.published_at),
  publishedBy: row.published_by,
});

export async function findServiceVersion(db: Db, id: string): Promise<ServiceVersion | undefined> {
  const row = await db.selectFrom("service_versions").selectAll().where("id", "=", id).executeTakeFirst();
  return row && versionFromRow(row);
}

export async function findService(db: Db, agencyId: string, code: string): Promise<ServiceRow | undefined> {
  return db
    .selectFrom("services")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("code", "=", code)
    .executeTakeFirst();
}

/** The version new applications are made with; none when the service is unpublished or retired. */
export async function findCurrentVersion(
  db: Db,
  agencyId: string,
  code: string,
): Promise<ServiceVersion | undefined> {
  const row = await db
    .selectFrom("service_versions as v")
    .innerJoin("services as s", "s.id", "v.service_id")
    .selectAll("v")
    .where("s.agency_id", "=", agencyId)
    .where("s.code", "=", code)
    .where("s.state", "=", "published")
    .whereRef("v.version", "=", "s.current_version")
    .executeTakeFirst();
  return row && versionFromRow(row);
}

/** The version in force at `at` (the last published at or before it): a mail or paper item's version. */
export async function findVersionInForce(
  db: Db,
  serviceId: string,
  at: Date,
): Promise<ServiceVersion | undefined> {
  const row = await db
    .selectFrom("service_versions")
    .selectAll()
    .where("service_id", "=", serviceId)
    .where("published_at", "<=", at.toISOString())
    .orderBy("published_at", "desc")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && versionFromRow(row);
}

/** The current version of each of these services, by service id: one read for a page of results. */
export async function currentVersionsOf(
  db: Db,
  serviceIds: readonly string[],
): Promise<Map<string, ServiceVersion>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("service_versions as v")
    .innerJoin("services as s", "s.id", "v.service_id")
    .selectAll("v")
    .where("v.service_id", "in", [...serviceIds])
    .whereRef("v.version", "=", "s.current_version")
    .execute();
  return new Map(rows.map((row) => [row.service_id, versionFromRow(row)]));
}
