export {
  ACKNOWLEDGEMENT_PLACEHOLDERS,
  acknowledgementMail,
  composeAcknowledgement,
} from "./acknowledgement.js";
export {
  findEntry,
  findEntryByIdempotencyKey,
  findEntryByNumber,
  findMatterStatus,
  listAttachments,
  markAcknowledged,
} from "./entries.repo.js";
export type { AttachmentRecord, Channel, Entry, EntryStatus, MatterStatus } from "./entry.js";
export { markMisdirected, misdirectedMail } from "./misdirected.js";
export { formatReceiptNumber, parseReceiptNumber } from "./receipt-number.js";
export { recomputeOpenDeadlines } from "./recompute-deadlines.js";
export { type NewEntry, type RegisterContext, registerEntry } from "./register-entry.js";
export {
  entryOfThreadMessageId,
  isValidTrackingToken,
  threadMessageId,
  trackingToken,
  trackingUrl,
} from "./tracking-token.js";
