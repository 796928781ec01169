// #16 core

// #16 answers: officers' answers (WB-3, WB-4) — drafting with a citation, approval, withdrawal, promotion to the FAQ
export { type Answer, answerOf } from "./answer.js";
export { answerActsRoutes } from "./answer-acts.routes.js";
export { answerOfficeRoutes } from "./answer-office.routes.js";
export type { AnswerRoutesDeps } from "./answer-routes-support.js";
export { ANSWER_APPROVERS, ANSWER_STATUSES, type AnswerAction } from "./answer-statuses.js";
// #17 assistant: answered topics sharing a question's words, and the words' rarity (IF-4)
export { type AnsweredTopicCandidate, findAnsweredTopicCandidates } from "./answered-topic-candidates.js";
// #17 readiness
export { hasPublishedAnswer } from "./answers-in-use.js";
// #16 webboard
export { cleanPostText } from "./clean-post-text.js";
export { decideAnswer } from "./decide-answer.js";
export { draftAnswer, editAnswer } from "./draft-answer.js";
// #17 export
export { listPersonWebboard, type PersonWebboard } from "./person-posts.js";
export { purgePostCounters } from "./post-limits.js";
export { promoteAnswer } from "./promote-answer.js";
export { type AnswerContact, listPublishedAnswers, type PublishedAnswer } from "./published-answers.repo.js";
export { recordAnswerAction } from "./record-answer-action.js";
export { type WebboardDeps, webboardRoutes } from "./webboard.routes.js";
export type {
  WebboardAnswerStatus,
  WebboardAnswersTable,
  WebboardPostsTable,
  WebboardReportsTable,
  WebboardTopicsTable,
} from "./webboard.table.js";
export { webboardModerationRoutes } from "./webboard-moderation.routes.js";
export { webboardPostingRoutes } from "./webboard-posting.routes.js";
export { reindexWebboardTopic } from "./webboard-search.js";
// #16 faqbench: the service page's links to its webboard topics and to asking a question
export { webboardServiceSection } from "./webboard-service-section.js";
