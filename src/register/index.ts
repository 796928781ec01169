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
export { findEntryAttachment, listPhotosWithoutViewableCopy, setViewableCopy } from "./attachments.repo.js";
export { confirmSenderAddress } from "./confirm-sender-address.js";
export { type DelayedApplication, listDelayedApplications } from "./delayed-matters.repo.js";
export {
  findEntry,
  findEntryByIdempotencyKey,
  findEntryByNumber,
  findMatterReceiptNumber,
  findMatterStatus,
  findReceiptNumbers,
  listAttachments,
} from "./entries.repo.js";
export type { AttachmentRecord, Channel, Entry, EntryStatus, MatterStatus } from "./entry.js";
export type { EntryActionPayloads } from "./entry-actions.js";
// #16 dashboards: the figures of the supervisors' dashboard, grouped in SQL
export { type EntryVolumeFigure, entryVolumeFigures } from "./entry-volume-figures.js";
// #12 correspondence: the outgoing register's export escapes formulas the same way (RG-3)
export { neutraliseFormula } from "./export/export-columns.js";
export { type FigureFilter, unitMatterIds } from "./figure-filter.js";
export {
  addHolidayAndRecompute,
  importHolidaysAndRecompute,
  removeHolidayAndRecompute,
} from "./import-holidays-and-recompute.js";
export { findLineRecipient, findLineUsersMatter } from "./line-entries.repo.js";
export type { Matter, MatterActionRecord } from "./matter.js";
// #12 casework: the work queues and the escalation sweep's reads
export {
  decodeQueueCursor,
  encodeQueueCursor,
  listMatterQueue,
  listMattersToEscalate,
  QUEUE_VIEWS,
  type QueueCursor,
  type QueueFilter,
  type QueueView,
} from "./matter-queue.repo.js";
export {
  type AwaitedFrom,
  type BizPortalStatus,
  bizPortalStatus,
  MATTER_STATUS_INFO,
} from "./matter-status-info.js";
export {
  APPLICATION_STATUSES,
  DECIDED_STATUSES,
  END_STATUSES,
  GENERAL_STATUSES,
  type MatterKind,
  OFFICERS_ONLY_ACTIONS,
  PAUSING_STATUSES,
} from "./matter-statuses.js";
// #12: a matter, its entries and its timeline
export { findMatter, listMatterActions, listMatterActionsAfter, listMatterEntries } from "./matters.repo.js";
// #15 issuance: the automatic issuance walks paid and approved matters
export { listMatterIdsInStatus } from "./matters-in-status.repo.js";
export { markMisdirected, misdirectedMail } from "./misdirected.js";
// #18 ops
export { findOldestUnacknowledged } from "./oldest-unacknowledged.js";
export { openApplicationMatter } from "./open-application-matter.js";
// #17 subjects: the person's entries and files for their data-subject export (PD-3)
export {
  entrySenderKeys,
  listPersonEntries,
  PERSON_ENTRIES_MAX,
  type PersonEntry,
} from "./person-entries.repo.js";
// #13 my-data: a signed-in citizen's matters across channels (PD-6)
export {
  listPersonMatters,
  PERSON_MATTERS_MAX,
  type PersonKeys,
  type PersonMatter,
} from "./person-matters.repo.js";
export { formatReceiptNumber, parseReceiptNumber } from "./receipt-number.js";
export { recomputeAgencyDeadlines } from "./recompute-after-calendar-change.js";
export { recomputeOpenDeadlines } from "./recompute-deadlines.js";
export { type OtherAcknowledgement, recordAcknowledgement } from "./record-acknowledgement.js";
export {
  type ActionResult,
  type EntryActionInput,
  type RegisterActor,
  recordAction,
} from "./record-action.js";
export type {
  MatterActionInput,
  MatterActionPayloads,
  MatterActionResult,
  MatterActor,
  MatterFacts,
} from "./record-matter-action.js";
export { type MatterOpening, type NewEntry, type RegisterContext, registerEntry } from "./register-entry.js";
// #16 faq: what the request log reads of an entry (RG-2: no retyping)
export { findRequestLogEntries, type RequestLogEntryFacts } from "./request-log-entries.repo.js";
export { REGISTER_SEALED_COLUMNS } from "./sealed-columns.js";
export { type ServiceLevelFigure, serviceLevelFigures } from "./service-level-figures.js";
export {
  ENTRY_STATUSES,
  type EntryAction,
  MATTER_STATUSES,
  type MatterAction,
  type RegisterActorRole,
} from "./statuses.js";
export { type StepTimeFigure, stepTimeFigures } from "./step-time-figures.js";
export { findTrackedEntry } from "./tracked-entry.js";
export {
  entryOfThreadMessageId,
  isValidTrackingToken,
  threadMessageId,
  trackingToken,
  trackingUrl,
} from "./tracking-token.js";
export { ackViaLabel } from "./views/acknowledgement-text.js";
