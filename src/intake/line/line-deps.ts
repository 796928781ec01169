import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import type { FileStore } from "../../platform/storage/file-store.js";

/** What the LINE intake needs of the service: database, clock, files, links, limits, secrets, log. */
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
