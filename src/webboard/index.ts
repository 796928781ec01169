// #16 core

// #16 webboard
export { cleanPostText } from "./clean-post-text.js";
export { purgePostCounters } from "./post-limits.js";
export { type AnswerContact, listPublishedAnswers, type PublishedAnswer } from "./published-answers.repo.js";
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
export { reindexWebboardTopic, webboardQueryTerms } from "./webboard-search.js";
