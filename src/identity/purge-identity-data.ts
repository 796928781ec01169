import type { Db } from "../platform/db/database.js";
import type { FileStore } from "../platform/storage/file-store.js";

/*
 * PD-4, PD-7: identity's data classes, purged on the retention schedule (src/privacy). Each returns how
 * many it purged. A proof or a call stays (what was decided, by whom, when); only the personal data goes.
 */

export async function purgeSignInCodes(db: Db, agencyId: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("sign_in_codes")
    .where("agency_id", "=", agencyId)
    .where("expires_at", "<", before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function purgeOidcRequests(db: Db, agencyId: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("oidc_requests")
    .where("agency_id", "=", agencyId)
    .where("expires_at", "<", before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** ID-7: an evidence photo decided before `before` is deleted from the store; the proof keeps its outcome. */
export function purgeEvidencePhotos(files: FileStore) {
  return async (db: Db, agencyId: string, before: Date): Promise<number> => {
    const rows = await db
      .selectFrom("identity_proofs")
      .select(["id", "evidence"])
      .where("agency_id", "=", agencyId)
      .where("method", "=", "evidence")
      .where("status", "in", ["proven", "refused", "withdrawn"])
      .where("decided_at", "<", before.toISOString())
      .limit(500)
      .execute();
    let purged = 0;
    for (const row of rows) {
      const evidence = JSON.parse(row.evidence) as { photoKey?: string; photoPurged?: boolean };
      if (!evidence.photoKey) continue;
      // The row first: a crash between the two leaves a file no row names, never a row naming no file.
      const { photoKey, ...kept } = evidence;
      await db
        .updateTable("identity_proofs")
        .set({ evidence: JSON.stringify({ ...kept, photoPurged: true }) })
        .where("id", "=", row.id)
        .execute();
      await files.remove(photoKey);
      purged++;
    }
    return purged;
  };
}

/** PD-7: a video call's still (biometric) is deleted its own time after the outcome. */
export function purgeVideoStills(files: FileStore) {
  return async (db: Db, agencyId: string, before: Date): Promise<number> => {
    const rows = await db
      .selectFrom("video_appointments")
      .select(["id", "still_key"])
      .where("agency_id", "=", agencyId)
      .where("still_key", "is not", null)
      .where("decided_at", "<", before.toISOString())
      .limit(500)
      .execute();
    for (const row of rows) {
      await db.updateTable("video_appointments").set({ still_key: null }).where("id", "=", row.id).execute();
      if (row.still_key) await files.remove(row.still_key);
    }
    return rows.length;
  };
}
