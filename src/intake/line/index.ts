export { SUBMIT_DATA } from "./handle-line-event.js";
export { lineRoutes } from "./line.routes.js";
// #16 satisfaction: the message a postback handler answers (LinePostbackHandler, from line-deps)
export type { LineText } from "./line-api.js";
// #17 broadcasts
export { broadcastLineTexts, type LineQuota, readLineQuota } from "./line-broadcast.js";
export { LINE_OPTIONS, LINE_USAGE, lineCommand } from "./line-cli.js";
export type { LineIntakeDeps, LinePostbackHandler } from "./line-deps.js";
export { createLineProcessor, type LineProcessor } from "./line-events.js";
export { pushLineText } from "./line-push.js";
export { answerOnLine, lineAnswerRoutes } from "./line-replies.js";
export { lineChannelProblem } from "./line-status.js";
export { LINE_SEALED_COLUMNS } from "./sealed-columns.js";
