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
  // #17 assistline: other rooms' handlers of a text added to an open draft (the FAQ assistant), asked in order.
  draftTextHandlers?: readonly LineDraftTextHandler[];
  // #18 processes: how long a worker owns an event it handles before another may take it up (default 5 min)
  // #18 line
  /** How many chats this process handles at once (LINE_CONCURRENCY, default 16). */
  concurrency?: number;
  /** How long an event is leased to the process handling it (LINE_EVENT_LEASE_SECONDS, default 5 min). */
  eventLeaseMs?: number;
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

// #17 assistline
/**
 * A handler of a text the user added to their open draft, called once the text is saved in the draft:
 * it may answer something extra (the FAQ assistant, IF-4), never instead of the intake (s.10, RG-1).
 * Undefined when it has nothing to say. `settle` is told how LINE took the messages, or why it did not.
 */
export type LineDraftTextHandler = (text: {
  agencyId: string;
  userId: string;
  draftId: string;
  eventId: string;
  text: string;
}) => Promise<LineDraftExtra | undefined>;

export interface LineDraftExtra {
  messages: LineText[];
  /** A UUID: the push's retry key when the reply token cannot carry it (sent at most once). */
  retryKey: string;
  settle(outcome: { via: "line-reply" | "line-push"; error?: string }): Promise<void>;
}
