import type { Db } from "../db/database.js";
import { listHeartbeats, type ProcessIdentity, recordHeartbeat, removeHeartbeat } from "./heartbeats.js";

export interface HeartbeatLoop {
  /** Stops beating and removes the row (a clean stop is not a death). */
  stop(): Promise<void>;
}

/**
 * Records this process's heartbeat now and every `everyMs` (wall clock), with what `detail` reports at
 * that moment. A failed beat is logged and tried again at the next one: a missed beat is what readiness
 * checks look for, so it is never papered over.
 */
export function startHeartbeats(
  db: Db,
  who: ProcessIdentity,
  everyMs: number,
  detail: () => Record<string, unknown>,
  log: (msg: string) => void,
): HeartbeatLoop {
  let beating: Promise<void> = Promise.resolve();
  const beat = () => {
    beating = recordHeartbeat(db, who, new Date(), { role: who.role, ...detail() }).catch((error) =>
      log(`heartbeat: ${String(error)}`),
    );
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await beating;
      await removeHeartbeat(db, who).catch((error) => log(`heartbeat: ${String(error)}`));
    },
  };
}

/** The worker processes (role worker or all) that beat within the last three intervals, this one included. */
export async function countLiveWorkers(db: Db, everyMs: number, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 3 * everyMs).toISOString();
  const beats = await listHeartbeats(db);
  return beats.filter((b) => (b.role === "worker" || b.role === "all") && b.beatAt >= since).length;
}
