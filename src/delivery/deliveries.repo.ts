import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.js";
import type { DeliveryStatus, LicenceDeliveriesTable } from "./deliveries.table.js";

export type DeliveryRow = Selectable<LicenceDeliveriesTable>;

/** A delivery of the agency, or undefined (another agency's is not found). */
export async function findDelivery(db: Db, agencyId: string, id: string): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom("licence_deliveries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The matter's deliveries, oldest first (the officer's panel, the applicant's licence page). */
export async function listMatterDeliveries(db: Db, matterId: string): Promise<DeliveryRow[]> {
  return db
    .selectFrom("licence_deliveries")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("created_at")
    .orderBy("attempt")
    .execute();
}

/** The next attempt's number for a licence edition (1 for its first delivery). */
export async function nextAttempt(db: Db, licenceId: string): Promise<number> {
  const row = await db
    .selectFrom("licence_deliveries")
    .select((eb) => eb.fn.max("attempt").as("n"))
    .where("licence_id", "=", licenceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** Inserts a delivery unless its (licence, attempt) exists; returns whether it did. */
export async function insertDelivery(trx: Db, row: DeliveryRow): Promise<boolean> {
  const result = await trx
    .insertInto("licence_deliveries")
    .values(row)
    .onConflict((oc) => oc.columns(["licence_id", "attempt"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function updateDelivery(
  db: Db,
  id: string,
  changes: Partial<Omit<DeliveryRow, "id" | "agency_id" | "licence_id">>,
): Promise<void> {
  await db.updateTable("licence_deliveries").set(changes).where("id", "=", id).execute();
}

/**
 * Issued signed (or scanned) editions with no delivery yet, oldest first, at most `limit`: the sweep's
 * work. A paper licence not yet scanned back (RG-6) waits for its scan.
 */
export async function listUndelivered(db: Db, limit: number) {
  return db
    .selectFrom("licences")
    .select(["licences.id", "licences.agency_id"])
    .where("licences.status", "=", "issued")
    .where("licences.matter_id", "is not", null)
    .where((eb) => eb.or([eb("licences.origin", "=", "signed"), eb("licences.scanned_at", "is not", null)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("licence_deliveries")
            .select("licence_deliveries.id")
            .whereRef("licence_deliveries.licence_id", "=", "licences.id"),
        ),
      ),
    )
    .orderBy("licences.issued_at")
    .limit(limit)
    .execute();
}

/**
 * Email deliveries whose state may still change by itself, at most `limit`: not yet sent, or sent since
 * `bounceSince` (a bounce may still come back), or with a password message still queued.
 */
export async function listOpenDeliveries(db: Db, bounceSince: string, limit: number): Promise<DeliveryRow[]> {
  const open: DeliveryStatus[] = ["queued", "not_configured"];
  return db
    .selectFrom("licence_deliveries")
    .selectAll()
    .where("channel", "=", "email")
    .where((eb) =>
      eb.or([
        eb("status", "in", open),
        eb.and([eb("status", "=", "sent"), eb("created_at", ">", bounceSince)]),
        eb("password_status", "=", "queued"),
      ]),
    )
    .orderBy("created_at")
    .limit(limit)
    .execute();
}
