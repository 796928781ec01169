import type { Db } from "../db/database.js";
import { acquireLease, releaseLease } from "./leases.js";

/**
 * A lease held for as long as some work lasts (a mailbox watch, a long sweep): renewed every third of its
 * length, so it runs out only when its process stops renewing (dies, hangs, loses the database). Leases go
 * by the wall clock, never a test's business clock: they are about which process is alive.
 */
export interface KeptLease {
  readonly name: string;
  /** False once a renewal found another owner: the work must stop at once. */
  readonly held: boolean;
  /** Stops renewing and gives the lease up (a clean stop): another process may take it at once. */
  release(): Promise<void>;
  /** Stops renewing and leaves the lease to run out, as a process that died would. */
  abandon(): void;
}

export async function keepLease(
  db: Db,
  lease: { name: string; owner: string; ms: number },
  onLost: () => void = () => {},
): Promise<KeptLease | undefined> {
  const { name, owner, ms } = lease;
  if (!(await acquireLease(db, name, owner, ms, new Date()))) return undefined;
  let held = true;
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = acquireLease(db, name, owner, ms, new Date()).then(
        (ok) => {
          if (ok || !held) return;
          held = false;
          clearInterval(timer);
          onLost();
        },
        // A failed renewal (the database away for a moment) is tried again at the next interval; the lease
        // still has two thirds of its length to run.
        () => {},
      );
    },
    Math.max(100, Math.floor(ms / 3)),
  );
  timer.unref();
  return {
    name,
    get held() {
      return held;
    },
    async release() {
      clearInterval(timer);
      await renewing;
      if (held) await releaseLease(db, name, owner);
      held = false;
    },
    abandon() {
      clearInterval(timer);
      held = false;
    },
  };
}

/**
 * Runs `work` only if `owner` gets the lease `name`, keeping it renewed while the work lasts so that no
 * other process starts the same work under it; afterwards it is left to run out (not released), so the
 * same process keeps the work at its next turn and another takes it over only when this one stops.
 * Undefined when another process holds it.
 */
export async function runKeepingLease<T>(
  db: Db,
  lease: { name: string; owner: string; ms: number },
  work: () => Promise<T>,
): Promise<T | undefined> {
  const kept = await keepLease(db, lease);
  if (!kept) return undefined;
  try {
    return await work();
  } finally {
    kept.abandon();
  }
}
