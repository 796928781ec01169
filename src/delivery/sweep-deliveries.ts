import { deliverLicence } from "./deliver-licence.js";
import { listUndelivered } from "./deliveries.repo.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { refreshDeliveryStatus } from "./refresh-delivery-status.js";

const BATCH = 20;
const SYSTEM = { kind: "system", name: "system:delivery" } as const;

/**
 * DL-1..4, every few seconds on ROLE=worker: each issued licence edition not yet delivered is delivered
 * once (a bounded batch; two workers at once write one row, the second's insert is ignored), then the
 * email deliveries take their state from the outbox. One licence that cannot be delivered is logged and
 * does not hold back the others. Returns how many deliveries this pass wrote.
 */
export async function sweepDeliveries(deps: DeliveryDeps, now: Date): Promise<number> {
  let written = 0;
  for (const licence of await listUndelivered(deps.handle.db, BATCH)) {
    try {
      const row = await deliverLicence(deps, {
        agencyId: licence.agency_id,
        licenceId: licence.id,
        actor: SYSTEM,
        at: now,
      });
      if (row) written++;
    } catch (error) {
      deps.log(`delivery of licence ${licence.id}: ${String(error)}`);
    }
  }
  await refreshDeliveryStatus(deps, now);
  return written;
}
