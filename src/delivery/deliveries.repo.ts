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

/** Of these licence editions, the ones with a delivery already. */
export async function deliveredLicenceIds(db: Db, licenceIds: readonly string[]): Promise<Set<string>> {
  if (licenceIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("licence_deliveries")
    .select("licence_id")
    .distinct()
    .where("licence_id", "in", [...licenceIds])
    .execute();
  return new Set(rows.map((r) => r.licence_id));
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
