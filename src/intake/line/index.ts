export { SUBMIT_DATA } from "./handle-line-event.js";
export { lineRoutes } from "./line.routes.js";
// #18 line-ack
export { findLineAcknowledgementStatuses } from "./line-ack-state.repo.js";
// #16 satisfaction: the message a postback handler answers (LinePostbackHandler, from line-deps)
export type { LineText } from "./line-api.js";
// #17 broadcasts
export { broadcastLineTexts, type LineQuota, readLineQuota } from "./line-broadcast.js";
export { LINE_OPTIONS, LINE_USAGE, lineCommand } from "./line-cli.js";
// #17 assistline: the seam for an extra answer to a text in an open draft, and an entry's draft
export type {
  LineDraftExtra,
  LineDraftTextHandler,
  LineIntakeDeps,
  LinePostbackHandler,
} from "./line-deps.js";
export { findLineDraftOfEntry } from "./line-draft-of-entry.js";
// #18 ops
export { countLineEventsByState } from "./line-event-counts.js";
export { createLineProcessor, type LineProcessor } from "./line-events.js";
export { pushLineText } from "./line-push.js";
export { answerOnLine, lineAnswerRoutes } from "./line-replies.js";
export { lineChannelProblem } from "./line-status.js";
// #17 export
export { listDraftIdsOfEntries } from "./person-line-drafts.js";
export { LINE_SEALED_COLUMNS } from "./sealed-columns.js";
