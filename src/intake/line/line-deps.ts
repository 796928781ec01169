import type { Clock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import type { LineText } from "./line-api.js";

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
  /** #16 satisfaction: other rooms' handlers of postbacks that are not the Submit button, asked in order. */
  postbackHandlers?: readonly LinePostbackHandler[];
}

/**
 * #16 satisfaction: a postback handler another room supplies (e.g. a rating's quick reply): given the
 * postback's data, it answers the message to reply with, or undefined when the data is not its own.
 */
export type LinePostbackHandler = (postback: {
  agencyId: string;
  userId: string;
  data: string;
  ip?: string;
}) => Promise<LineText | undefined>;
