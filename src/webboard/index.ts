// #16 core

// #16 answers: officers' answers (WB-3, WB-4) — drafting with a citation, approval, withdrawal, promotion to the FAQ
export { type Answer, answerOf } from "./answer.js";
export { answerActsRoutes } from "./answer-acts.routes.js";
export { answerOfficeRoutes } from "./answer-office.routes.js";
export type { AnswerRoutesDeps } from "./answer-routes-support.js";
export { ANSWER_APPROVERS, ANSWER_STATUSES, type AnswerAction } from "./answer-statuses.js";
export { decideAnswer } from "./decide-answer.js";
export { draftAnswer, editAnswer } from "./draft-answer.js";
export { promoteAnswer } from "./promote-answer.js";
export { recordAnswerAction } from "./record-answer-action.js";
export type {
  WebboardAnswerStatus,
  WebboardAnswersTable,
  WebboardPostsTable,
  WebboardReportsTable,
  WebboardTopicsTable,
} from "./webboard.table.js";
export { reindexWebboardTopic, webboardQueryTerms } from "./webboard-search.js";
