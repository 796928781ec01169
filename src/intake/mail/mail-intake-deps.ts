import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import type { FileStore } from "../../platform/storage/file-store.js";

/** What taking mail needs: the database, the time, the file store, the thread-token secret, the file limit. */
export interface MailIntakeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  maxFileBytes: number;
}
