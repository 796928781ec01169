import type { Db } from "../platform/db/database.js";
import type { ServiceNoticesTable } from "./service-notices.table.js";

export type ServiceNotice = ServiceNoticesTable;

/** #18 shared: the cache version every process's banner notices are kept under; bumped by every change. */
export const NOTICES_SCOPE = "service-notices";

/** The agency's notices for the admin page, newest first (a bounded list: old ones are history). */
export function listNotices(db: Db, agencyId: string): Promise<ServiceNotice[]> {
  return db
    .selectFrom("service_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(200)
    .execute();
}

/** One notice of the agency, or undefined (another agency's notice is not found). */
export function findNotice(db: Db, agencyId: string, id: string): Promise<ServiceNotice | undefined> {
  return db
    .selectFrom("service_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Active notices not yet over at `now`, shown or still waiting for their window (the banner's cache). */
export function findLiveNotices(db: Db, agencyId: string, now: Date): Promise<ServiceNotice[]> {
  return db
    .selectFrom("service_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("status", "=", "active")
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now.toISOString())]))
    .orderBy("starts_at")
    .orderBy("id")
    .limit(50)
    .execute();
}
