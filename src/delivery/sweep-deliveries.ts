import { listDeliverableLicences } from "../licensing/index.js";
import { deliverLicence } from "./deliver-licence.js";
import { deliveredLicenceIds } from "./deliveries.repo.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { refreshDeliveryStatus } from "./refresh-delivery-status.js";

const BATCH = 20;
/** Editions issued longer ago than this are not delivered by the sweep (an officer may still send them). */
const WINDOW_MS = 14 * 24 * 3600 * 1000;
const LOOK_AT = 500;
const SYSTEM = { kind: "system", name: "system:delivery" } as const;

/**
 * DL-1..4, every few seconds on ROLE=worker: each licence edition issued in the last 14 days and not yet
 * delivered is delivered once (a bounded batch; two workers at once write one row, the second's insert
 * is ignored), then the email deliveries take their state from the outbox. One licence that cannot be delivered is logged and
 * does not hold back the others. Returns how many deliveries this pass wrote.
 */
export async function sweepDeliveries(deps: DeliveryDeps, now: Date): Promise<number> {
  let written = 0;
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const recent = await listDeliverableLicences(deps.handle.db, since, LOOK_AT);
  const done = await deliveredLicenceIds(
    deps.handle.db,
    recent.map((l) => l.id),
  );
  for (const licence of recent.filter((l) => !done.has(l.id)).slice(0, BATCH)) {
    try {
      const row = await deliverLicence(deps, {
        agencyId: licence.agencyId,
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
