import { DEMO_AGENCY, findAgency, saveAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";

/**
 * `npm start`: the demo agency's licences name this install's own address (PUBLIC_URL), so a demo
 * licence's QR opens here. A real agency sets its own domain on its settings page (LC-3). Only when unset.
 */
export async function seedDemoLicenceOrigin(
  handle: DatabaseHandle,
  publicUrl: string,
  clock: Clock,
): Promise<boolean> {
  return withTransaction(handle, async (trx) => {
    const agency = await findAgency(trx, DEMO_AGENCY.id);
    if (!agency || agency.licenceOrigin) return false;
    const origin = new URL(publicUrl).origin;
    const at = clock.now().toISOString();
    await saveAgency(trx, { ...agency, licenceOrigin: origin }, at);
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: "system:seed",
      action: "agency.licence-origin",
      subjectType: "agency",
      subjectId: agency.id,
      data: { from: null, to: origin },
      at,
    });
    return true;
  });
}
