import type { Db } from "../platform/db/database.js";
import type { OpsAccess } from "../platform/http/ops-access.js";

/** What the operators' routes read: the database, the file store's readiness, the process's role. */
export interface OpsDeps {
  db: Db;
  /** The file store's readiness probe (`FileStore.check`): writable directory or reachable bucket. */
  checkStorage: () => Promise<void>;
  /** `web` relies on worker processes for background work; `all` does it itself. */
  role: "web" | "worker" | "all";
  /** HEARTBEAT_SECONDS in ms: a worker whose last beat is older than 3× this is taken for gone. */
  heartbeatMs: number;
  access: OpsAccess;
  now: () => Date;
  /** Per-check time limit (default 2 s). */
  checkTimeoutMs?: number;
}

/** A worker's beat is fresh within three periods: one late beat under load is not a dead worker. */
export const isFreshBeat = (beatAt: string, now: Date, heartbeatMs: number): boolean =>
  now.getTime() - Date.parse(beatAt) <= 3 * heartbeatMs;

/** Roles that do background work. */
export const WORKING_ROLES = new Set(["worker", "all"]);
