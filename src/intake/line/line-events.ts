import type { ExpressionBuilder } from "kysely";
import { findAgency } from "../../agencies/index.js";
import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import type { Database } from "../../platform/db/schema.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import { handleLineEvent, say } from "./handle-line-event.js";
import type { LineChannelRow } from "./line.table.js";
import { createLineApi, type LineApi } from "./line-api.js";
import { draftContents } from "./line-drafts.js";

export interface LineIntakeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  publicUrl: string;
  maxFileBytes: number;
  env: NodeJS.ProcessEnv;
  log: (msg: string) => void;
}

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
      // A worker that died mid-event leaves an expired lease: the event is handled again (handling is
      // idempotent: items are unique per event, a registered draft only finishes its acknowledgement).
      const due = (eb: ExpressionBuilder<Database, "line_events">) =>
        eb.or([
          eb("status", "=", "pending"),
          eb.and([eb("status", "=", "processing"), eb("lease_until", "<", nowIso)]),
        ]);
      const next = await deps.handle.db
        .selectFrom("line_events")
        .selectAll()
        .where(due)
        .orderBy("event_at")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst();
      if (!next) return;
      const claimed = await deps.handle.db
        .updateTable("line_events")
        .set((eb) => ({
          status: "processing",
          lease_until: new Date(deps.clock.now().getTime() + EVENT_LEASE_MS).toISOString(),
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "=", next.id)
        .where(due)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      try {
        const agency = await findAgency(deps.handle.db, next.agency_id);
        const channel = await deps.handle.db
          .selectFrom("line_channels")
          .selectAll()
          .where("agency_id", "=", next.agency_id)
          .executeTakeFirst();
        if (!agency || !channel) throw new Error("agency or LINE channel is gone");
        await handleLineEvent(deps, agency, apiFor(channel as LineChannelRow), next);
        await deps.handle.db
          .updateTable("line_events")
          .set({ status: "done", lease_until: null, processed_at: deps.clock.now().toISOString() })
          .where("id", "=", next.id)
          .execute();
      } catch (error) {
        deps.log(`line: event ${next.webhook_event_id} failed: ${String(error)}`);
        const retry = next.attempts + 1 < 3;
        await deps.handle.db
          .updateTable("line_events")
          .set({
            status: retry ? "pending" : "failed",
            lease_until: null,
            last_error: String(error).slice(0, 500),
          })
          .where("id", "=", next.id)
          .execute();
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
    const channels = await db.selectFrom("line_channels").selectAll().where("enabled", "=", 1).execute();
    for (const channel of channels) {
      const quietMs = Number(channel.quiet_minutes) * 60_000;
      const drafts = await db
        .selectFrom("line_drafts")
        .selectAll()
        .where("agency_id", "=", channel.agency_id)
        .where("status", "=", "open")
        .execute();
      for (const draft of drafts) {
        const last = await db
          .selectFrom("line_draft_items")
          .select((eb) => eb.fn.max("created_at").as("at"))
          .where("draft_id", "=", draft.id)
          .executeTakeFirst();
        if (!last?.at) continue;
        const quietSince = new Date(String(last.at)).getTime() + quietMs;
        if (quietSince > deps.clock.now().getTime()) continue;
        // Only refused files: nothing to submit; the user was told at once to send text or a valid file.
        if ((await draftContents(db, draft.id)).acceptable === 0) continue;
        const moved = await db
          .updateTable("line_drafts")
          .set({ status: "awaiting_name", submitted_at: new Date(quietSince).toISOString() })
          .where("id", "=", draft.id)
          .where("status", "=", "open")
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) continue;
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
