export { enqueueMessage, type OutboxMessage } from "./enqueue-message.js";
export { createOutboxWorker, type OutboxWorker, retryDelayMs } from "./outbox-worker.js";
