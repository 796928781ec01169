// #17 core: the FAQ assistant's one entry point (IF-4)
export {
  type AssistantAnswer,
  type AssistantQuestion,
  type AssistantSource,
  answerQuestion,
} from "./answer-question.js";
// #17 assistant: the public page `/assistant` and its JSON twin, and the hand-over link (IF-4)
export { assistantRoutes } from "./assistant.routes.js";
export { handOverHref, MAX_QUESTION } from "./hand-over.js";
// #17 assistline: the assistant on LINE (a draft text handler) and its panel on the office entry page
export { DEFAULT_PACE_SECONDS, type LineAssistantDeps, lineQuestionHandler } from "./line-answer.js";
export { assistantLinePanel } from "./line-panel.js";
export { readsAsQuestion } from "./line-question.js";
// #17 export
export { listPersonAssistantReplies, type PersonAssistantReply } from "./person-replies.js";
