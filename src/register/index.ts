export {
  ACKNOWLEDGEMENT_PLACEHOLDERS,
  acknowledgementMail,
  composeAcknowledgement,
} from "./acknowledgement.js";
export {
  type AcknowledgementState,
  acknowledgementState,
  OTHER_ACKNOWLEDGEMENT_WAYS,
  type OtherAcknowledgementWay,
} from "./acknowledgement-state.js";
export { confirmSenderAddress } from "./confirm-sender-address.js";
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
export { type OtherAcknowledgement, recordAcknowledgement } from "./record-acknowledgement.js";
export { type NewEntry, type RegisterContext, registerEntry } from "./register-entry.js";
export {
  entryOfThreadMessageId,
  isValidTrackingToken,
  threadMessageId,
  trackingToken,
  trackingUrl,
} from "./tracking-token.js";
export { ackViaLabel } from "./views/acknowledgement-text.js";
