// #15 register
import { indexUnindexedLicences } from "./index-unindexed-licences.js";
import type { LicensingDeps } from "./licensing-deps.js";

/**
 * The licensing room's background work, every few seconds on ROLE=worker: each part's sweep (one line
 * each), each catching its own failure so one does not stop the others.
 */
export async function sweepLicences(deps: LicensingDeps, now: Date): Promise<void> {
  const parts: [string, () => Promise<unknown>][] = [
    // #15 register
    ["register search", () => indexUnindexedLicences(deps.handle, now)],
  ];
  for (const [name, run] of parts)
    await run().catch((error) => deps.log(`licensing ${name}: ${String(error)}`));
  void now;
}
