import { lastOpenDataPush, listPushingAgencies } from "./open-data-settings.js";
import { type OpenDataDeps, type PushOutcome, pushRegisterToCkan } from "./push-register-to-ckan.js";

const DAY_MS = 86_400_000;
/** After a failure the sweep tries again within the hour rather than waiting a day. */
const RETRY_MS = 3_600_000;

/**
 * OD-1: the daily push of each agency that switched it on: due a day after its last push (an hour after
 * a failed one). Returns what each agency's push did.
 */
export async function sweepOpenData(deps: OpenDataDeps, now: Date): Promise<Map<string, PushOutcome>> {
  const done = new Map<string, PushOutcome>();
  for (const agencyId of await listPushingAgencies(deps.handle.db)) {
    const last = await lastOpenDataPush(deps.handle.db, agencyId);
    const wait = last?.outcome === "failed" ? RETRY_MS : DAY_MS;
    if (last && now.getTime() - Date.parse(last.started_at) < wait) continue;
    // One agency's settings gone wrong (e.g. its agency removed) never stops the others' pushes.
    try {
      done.set(agencyId, await pushRegisterToCkan(deps, agencyId, "system:open-data-sweep"));
    } catch (error) {
      deps.log(`open data push of ${agencyId}: ${String(error)}`);
    }
  }
  return done;
}
