import { findAgency } from "../../agencies/index.js";
import { StorageUnavailableError } from "../../platform/storage/file-store.js";
import { handleLineEvent } from "./handle-line-event.js";
import { findLineChannel } from "./line.repo.js";
import type { LineChannelRow, LineEventRow } from "./line.table.js";
import { createLineApi, type LineApi } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";
import {
  claimNextLineEvent,
  markLineEventDone,
  markLineEventFailed,
  renewLineEventLease,
} from "./line-event-queue.js";
import { submitQuietDrafts } from "./submit-quiet-drafts.js";

const EVENT_LEASE_MS = 5 * 60_000;
const CONCURRENCY = 16;
const ATTEMPTS = 3;
/** A failed attempt is retried after this times the attempts so far (its chat waits meanwhile). */
const RETRY_DELAY_MS = 10_000;

export interface LineProcessor {
  /** Handles every stored event not yet handled (resolves when none is left that may be taken now). */
  drain(): Promise<void>;
  /** Drafts left quiet for the channel's `quiet_minutes` are submitted (the name is asked by push); then drain. */
  sweep(): Promise<void>;
  /** Finishes the events in hand and takes no more (the rest stay pending for the next start). */
  stop(): Promise<void>;
}

/**
 * Processes stored events: up to `concurrency` chats at once, each chat's events one at a time in the
 * order LINE stamped them, shared with every other process through the database (line-event-queue.ts).
 * A failed event is retried twice, then left failed.
 */
export function createLineProcessor(deps: LineIntakeDeps): LineProcessor {
  const leaseMs = deps.eventLeaseMs ?? EVENT_LEASE_MS;
  const slots = Math.max(1, deps.concurrency ?? CONCURRENCY);
  let stopping = false;
  let active = 0;
  // Bumped by every drain(): a slot that found nothing while a drain was asked for looks once more, so
  // an event stored just after its look is not left for the next sweep.
  let kicks = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;
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
  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs).toISOString();

  async function handle(next: LineEventRow) {
    const db = deps.handle.db;
    // The lease is renewed while the event is in hand, so only a process that stopped loses it.
    let held = next.lease_until ?? "";
    // #18 opslog: renewals run one after another and the last is awaited before the mark, so the mark
    // names the lease as it stands in the database.
    let renewal = Promise.resolve();
    const renewing = setInterval(() => {
      renewal = renewal.then(async () => {
        const until = leaseFrom(deps.clock.now());
        try {
          if (await renewLineEventLease(db, next.id, held, until)) held = until;
        } catch (error) {
          deps.log(`line: lease of event ${next.webhook_event_id}: ${String(error)}`);
        }
      });
    }, leaseMs / 3);
    renewing.unref();
    const finishRenewing = async () => {
      clearInterval(renewing);
      await renewal;
    };
    // #18 opslog (RG-1, CH-10): another process took the event over after this one's lease ran out; what
    // this one found is dropped (no retry timer either), the event is the other's now.
    const lost = (outcome: string) =>
      deps.log(
        `line: lost the lease of event ${next.webhook_event_id} to another process; its ${outcome} here is not recorded`,
      );
    try {
      const agency = await findAgency(db, next.agency_id);
      const channel = await findLineChannel(db, next.agency_id);
      if (!agency || !channel) throw new Error("agency or LINE channel is gone");
      await handleLineEvent(deps, agency, apiFor(channel as LineChannelRow), next);
      await finishRenewing();
      if (!(await markLineEventDone(db, next.id, held, deps.clock.now().toISOString()))) lost("completion");
    } catch (error) {
      await finishRenewing();
      deps.log(`line: event ${next.webhook_event_id} failed: ${String(error)}`);
      // #18 storage: a file store that is down is no fault of the event: retried (every minute at most)
      // until it is back, however many attempts that takes.
      const storageDown = error instanceof StorageUnavailableError;
      const retryAt =
        storageDown || next.attempts < ATTEMPTS
          ? new Date(
              deps.clock.now().getTime() + Math.min(RETRY_DELAY_MS * next.attempts, 60_000),
            ).toISOString()
          : null;
      if (!(await markLineEventFailed(db, next.id, held, retryAt, String(error)))) return lost("failure");
      // The retry is this process's own business too: a web process (no worker sweep) that took the
      // event must not leave it, and its chat's later events, waiting for the next delivery to kick it.
      if (retryAt)
        setTimeout(() => void drain(), Date.parse(retryAt) - deps.clock.now().getTime() + 50).unref();
    }
  }

  async function slot() {
    try {
      while (!stopping) {
        const seen = kicks;
        const now = deps.clock.now();
        const next = await claimNextLineEvent(deps.handle, now.toISOString(), leaseFrom(now));
        if (next) await handle(next);
        else if (seen === kicks) return;
      }
    } catch (error) {
      // The database went away: the events stay stored, the next drain or sweep takes them up.
      deps.log(`line: ${String(error)}`);
    } finally {
      active--;
      if (active === 0) {
        idle?.resolve();
        idle = undefined;
      }
    }
  }

  const drain = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    kicks++;
    if (!idle) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      idle = { promise, resolve };
    }
    const { promise } = idle;
    while (active < slots) {
      active++;
      void slot();
    }
    return promise;
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
      await idle?.promise;
    },
  };
}
