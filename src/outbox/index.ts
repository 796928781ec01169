export { countQueuedTo, recordBounce } from "./address-history.js";
export { enqueueMessage, type OutboxMessage } from "./enqueue-message.js";
export {
  countNotConfigured,
  findMessageFailures,
  findMessageStatuses,
  findOutboxMessage,
  type KeptMessage,
  listFailedMessages,
  listNotConfigured,
  type OutboxStatus,
} from "./message-states.js";
export type { OutboxRow } from "./outbox.table.js";
export { type ComposeMessage, createOutboxWorker, type OutboxWorker, retryDelayMs } from "./outbox-worker.js";
export { listOutboxProblems, type OutboxProblem, settleUncertain } from "./uncertain.js";
