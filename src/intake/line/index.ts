export { SUBMIT_DATA } from "./handle-line-event.js";
export { lineRoutes } from "./line.routes.js";
export { createLineProcessor, type LineIntakeDeps, type LineProcessor } from "./line-events.js";
export { answerOnLine, lineAnswerRoutes } from "./line-replies.js";
export { lineChannelProblem } from "./line-status.js";
