import type { Db } from "../platform/db/database.js";
import type { AnnouncementKind, AnnouncementRow } from "./correspondence.table.js";

/** CH-1, CH-13: the agency's announcements in force (one per kind at most), s.10 first. */
export async function listAnnouncementsInForce(db: Db, agencyId: string): Promise<AnnouncementRow[]> {
  return db
    .selectFrom("announcements")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("superseded_at", "is", null)
    .orderBy("kind")
    .execute();
}

/** Every announcement the agency issued, newest first (the admin's list, superseded ones included). */
export async function listAnnouncements(db: Db, agencyId: string): Promise<AnnouncementRow[]> {
  return db
    .selectFrom("announcements")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function findAnnouncement(
  db: Db,
  agencyId: string,
  id: string,
): Promise<AnnouncementRow | undefined> {
  return db
    .selectFrom("announcements")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The one of `kind` in force, or undefined. */
export async function findInForce(
  db: Db,
  agencyId: string,
  kind: AnnouncementKind,
): Promise<AnnouncementRow | undefined> {
  return db
    .selectFrom("announcements")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("kind", "=", kind)
    .where("superseded_at", "is", null)
    .executeTakeFirst();
}
