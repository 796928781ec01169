import type { Licence } from "../licensing/index.js";
import { listMatterLicences } from "../licensing/index.js";
import { AppError } from "../platform/errors.js";
import { type DeliveryRow, listMatterDeliveries } from "./deliveries.repo.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { markMatterDelivered } from "./mark-matter-delivered.js";

/** A file to hand to the applicant: its bytes, name and type. */
export interface LicenceFile {
  bytes: Buffer;
  name: string;
  type: "application/pdf" | "application/zip";
}

/** The matter's current licence edition (the newest), or undefined before one is issued. */
export async function currentLicence(deps: DeliveryDeps, matterId: string): Promise<Licence | undefined> {
  return (await listMatterLicences(deps.handle.db, matterId))[0];
}

/** One delivery's file: its protected ZIP (DL-3), else the licence's own signed PDF. */
export async function deliveryFile(
  deps: DeliveryDeps,
  d: DeliveryRow,
  licence: Licence,
): Promise<LicenceFile> {
  if (d.file_key)
    return { bytes: await deps.files.read(d.file_key), name: d.file_name, type: "application/zip" };
  return { bytes: await deps.files.read(licence.pdfKey), name: d.file_name, type: "application/pdf" };
}

/**
 * The applicant's download from their tracking page: the current edition's file as its newest delivery
 * made it (a confidential licence only ever as its protected ZIP). Throws DELIVERY_NOT_FOUND when there
 * is nothing to download yet (no licence, or a confidential one not yet delivered).
 */
export async function trackedLicenceFile(
  deps: DeliveryDeps,
  matterId: string,
): Promise<{ file: LicenceFile; delivery: DeliveryRow | undefined }> {
  const licence = await currentLicence(deps, matterId);
  if (!licence || licence.origin === "backfill") throw new AppError("DELIVERY_NOT_FOUND");
  const deliveries = (await listMatterDeliveries(deps.handle.db, matterId)).filter(
    (d) => d.licence_id === licence.id,
  );
  const delivery = deliveries[deliveries.length - 1];
  if (delivery) return { file: await deliveryFile(deps, delivery, licence), delivery };
  if (licence.confidential) throw new AppError("DELIVERY_NOT_FOUND");
  const name = `licence-${licence.beYear}-${licence.sequence ?? licence.id.slice(0, 8)}-${licence.edition}.pdf`;
  return { file: { bytes: await deps.files.read(licence.pdfKey), name, type: "application/pdf" }, delivery };
}

/**
 * DL-4: the first download of a delivery's file is recorded (downloaded, and when), and the matter moves
 * to delivered; later downloads change nothing. Returns whether this was the first.
 */
export async function recordDownload(deps: DeliveryDeps, d: DeliveryRow, now: Date): Promise<boolean> {
  if (d.downloaded_at) return false;
  const at = now.toISOString();
  const updated = await deps.handle.db
    .updateTable("licence_deliveries")
    .set({ status: "downloaded", downloaded_at: at, updated_at: at })
    .where("id", "=", d.id)
    .where("downloaded_at", "is", null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await markMatterDelivered(deps.handle, d, now);
  return true;
}
