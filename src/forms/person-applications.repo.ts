import type { Db } from "../platform/db/database.js";

/**
 * PD-6: the matters of the applications made under a 13-digit ID, by its keyed hash (ID-7). Callers
 * pass only an ID the person proved (ThaiD, an accepted proof), never one they typed.
 */
export async function listMattersOfApplicantId(db: Db, agencyId: string, idHmac: string): Promise<string[]> {
  const rows = await db
    .selectFrom("applications")
    .select("matter_id")
    .where("agency_id", "=", agencyId)
    .where("applicant_id_hmac", "=", idHmac)
    .execute();
  return rows.map((r) => r.matter_id);
}

/** A draft the person started and had its resume link sent to their address (only the link opens it). */
export interface PersonDraft {
  id: string;
  serviceVersionId: string;
  updatedAt: Date;
  expiresAt: Date;
}

/** Unsubmitted, unexpired drafts whose resume link went to the address with this keyed hash, newest first. */
export async function listDraftsOfEmail(
  db: Db,
  agencyId: string,
  emailHmac: string,
  now: Date,
): Promise<PersonDraft[]> {
  const rows = await db
    .selectFrom("application_drafts")
    .select(["id", "service_version_id", "updated_at", "expires_at"])
    .where("agency_id", "=", agencyId)
    .where("email_hmac", "=", emailHmac)
    .where("submitted_entry_id", "is", null)
    .where("expires_at", ">", now.toISOString())
    .orderBy("updated_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    serviceVersionId: r.service_version_id,
    updatedAt: new Date(r.updated_at),
    expiresAt: new Date(r.expires_at),
  }));
}
