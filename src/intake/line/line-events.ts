import { findAgency } from "../../agencies/index.js";
import { handleLineEvent } from "./handle-line-event.js";
import {
  claimLineEvent,
  findDueLineEvent,
  findLineChannel,
  markLineEventDone,
  markLineEventFailed,
} from "./line.repo.js";
import type { LineChannelRow } from "./line.table.js";
import { createLineApi, type LineApi } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";
import { submitQuietDrafts } from "./submit-quiet-drafts.js";

const EVENT_LEASE_MS = 5 * 60_000;

// #18 faults: LINE_EVENT_LEASE_SECONDS (1-3600, default 300) is how long a process owns an event before a
// survivor may take it over: a process killed mid-event otherwise leaves it (and its user) waiting 5 minutes.
function eventLeaseMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.LINE_EVENT_LEASE_SECONDS);
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= 3600 ? seconds * 1000 : EVENT_LEASE_MS;
}

export interface LineProcessor {
  /** Handles every stored event not yet handled. */
  drain(): Promise<void>;
  /** Drafts left quiet for the channel's `quiet_minutes` are submitted (the name is asked by push); then drain. */
  sweep(): Promise<void>;
  /** Finishes the event in hand and takes no more (the rest stay pending for the next start). */
  stop(): Promise<void>;
}

/** Processes stored events in the order LINE stamped them; a failed one is retried, then left failed. */
export function createLineProcessor(deps: LineIntakeDeps): LineProcessor {
  let running: Promise<void> | undefined;
  let stopping = false;
  const leaseMs = eventLeaseMs(deps.env);
  const apis = new Map<string, { settings: string; api: LineApi }>();
  // The channel row is read afresh for each event and sweep; the client is rebuilt when what it depends
  // on changed, so changed LINE settings take effect without a restart.
  const apiFor = (channel: LineChannelRow): LineApi => {
    const settings = JSON.stringify([
      channel.token_env,
      deps.env[channel.token_env] ?? "",
      channel.api_base_url,
      channel.data_api_base_url,
    ]);
    const cached = apis.get(channel.agency_id);
    if (cached?.settings === settings) return cached.api;
    const api = createLineApi(channel, deps.env);
    apis.set(channel.agency_id, { settings, api });
    return api;
  };

  async function drainOnce() {
    while (!stopping) {
      const nowIso = deps.clock.now().toISOString();
      const next = await findDueLineEvent(deps.handle.db, nowIso);
      if (!next) return;
      const leaseUntil = new Date(deps.clock.now().getTime() + leaseMs).toISOString();
      if (!(await claimLineEvent(deps.handle.db, next.id, nowIso, leaseUntil))) continue;
      try {
        const agency = await findAgency(deps.handle.db, next.agency_id);
        const channel = await findLineChannel(deps.handle.db, next.agency_id);
        if (!agency || !channel) throw new Error("agency or LINE channel is gone");
        await handleLineEvent(deps, agency, apiFor(channel as LineChannelRow), next);
        await markLineEventDone(deps.handle.db, next.id, deps.clock.now().toISOString());
      } catch (error) {
        deps.log(`line: event ${next.webhook_event_id} failed: ${String(error)}`);
        const retry = next.attempts + 1 < 3;
        await markLineEventFailed(deps.handle.db, next.id, retry, String(error));
        if (retry) return;
      }
    }
  }

  const drain = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    running ??= drainOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    drain,
    async sweep() {
      if (stopping) return;
      await submitQuietDrafts(deps, apiFor);
      await drain();
    },
    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
}
