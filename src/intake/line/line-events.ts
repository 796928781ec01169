import { findAgency } from "../../agencies/index.js";
import { handleLineEvent, say } from "./handle-line-event.js";
import {
  claimLineEvent,
  findDueLineEvent,
  findLineChannel,
  listEnabledLineChannels,
  markLineEventDone,
  markLineEventFailed,
} from "./line.repo.js";
import type { LineChannelRow } from "./line.table.js";
import { createLineApi, type LineApi } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";
import { draftContents } from "./line-drafts.js";
import { lastItemAt, listOpenDrafts, submitQuietDraft } from "./line-drafts.repo.js";

const EVENT_LEASE_MS = 5 * 60_000;

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
      const leaseUntil = new Date(deps.clock.now().getTime() + EVENT_LEASE_MS).toISOString();
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

  /**
   * CH-10: a conversation left quiet for the channel's quiet time counts as submitted when that time
   * passed (its receipt time, CH-3); the full name is asked by push (FM-6), sent at most once.
   */
  async function submitQuietDrafts() {
    const db = deps.handle.db;
    const channels = await listEnabledLineChannels(db);
    for (const channel of channels) {
      const quietMs = Number(channel.quiet_minutes) * 60_000;
      for (const draft of await listOpenDrafts(db, channel.agency_id)) {
        const last = await lastItemAt(db, draft.id);
        if (!last) continue;
        const quietSince = new Date(last).getTime() + quietMs;
        if (quietSince > deps.clock.now().getTime()) continue;
        // Only refused files: nothing to submit; the user was told at once to send text or a valid file.
        if ((await draftContents(db, draft.id)).acceptable === 0) continue;
        if (!(await submitQuietDraft(db, draft.id, new Date(quietSince).toISOString()))) continue;
        await apiFor(channel).push(draft.user_id, [say("line.askNameQuiet")], draft.id);
      }
    }
  }

  return {
    drain,
    async sweep() {
      if (stopping) return;
      await submitQuietDrafts();
      await drain();
    },
    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
}
