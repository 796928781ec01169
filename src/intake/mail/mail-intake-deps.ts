import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import type { ThreadPool } from "../../platform/threads/index.js";

/** What taking mail needs: the database, the time, the file store, the thread-token secret, the file limit. */
export interface MailIntakeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  maxFileBytes: number;
  /** #18 threads: where mail is parsed, off the event loop; unset: on it. */
  threads?: ThreadPool;
}
