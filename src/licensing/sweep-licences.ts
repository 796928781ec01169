import { expireLicences } from "./expire-licences.js";
// #15 register
import { indexUnindexedLicences } from "./index-unindexed-licences.js";
import { issueDueLicences } from "./issue-due-licences.js";
import type { LicensingDeps } from "./licensing-deps.js";

/**
 * The licensing room's background work, every few seconds on ROLE=worker: each part's sweep (one line
 * each), each catching its own failure so one does not stop the others.
 */
export async function sweepLicences(deps: LicensingDeps, now: Date): Promise<void> {
  const parts: [string, () => Promise<unknown>][] = [
    // #15 issuance
    ["issue-due", () => issueDueLicences(deps, now)],
    // #15 lifecycle: LC-3, once a day per agency
    ["expiry", () => expireLicences(deps, now)],
    // #15 register
    ["register search", () => indexUnindexedLicences(deps.handle, now)],
  ];
  for (const [name, run] of parts)
    await run().catch((error) => deps.log(`licensing ${name}: ${String(error)}`));
}
