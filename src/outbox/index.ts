export { countQueuedTo, recordBounce } from "./address-history.js";
export {
  type EntryMessage,
  enqueueMessage,
  type OutboxMessage,
  type StandaloneMessage,
} from "./enqueue-message.js";
export {
  countNotConfigured,
  findMessageFailures,
  findMessageStatuses,
  findOutboxMessage,
  findSubjectMessageStates,
  type KeptMessage,
  listFailedMessages,
  listNotConfigured,
  // #12 correspondence
  listSubjectMessages,
  type OutboxStatus,
  type SubjectMessage,
} from "./message-states.js";
export type { OutboxRow } from "./outbox.table.js";
// #18 ops
export { countOutboxByState, WATCHED_OUTBOX_STATES, type WatchedOutboxState } from "./outbox-counts.js";
export { createOutboxWorker, type OutboxWorker, retryDelayMs } from "./outbox-worker.js";
// #13 officers-retention
export { PURGED_PAYLOAD, purgeSentPayloads } from "./purge-payloads.js";
export { type ComposeMessage, type EntryMessageRow, messageOf } from "./queued-mail.js";
// #17 lic2
export { recordMessageBounce } from "./record-message-bounce.js";
export { OUTBOX_SEALED_COLUMNS } from "./sealed-columns.js";
export { listOutboxProblems, type OutboxProblem, settleUncertain } from "./uncertain.js";
