// #16 core
export type {
  WebboardAnswerStatus,
  WebboardAnswersTable,
  WebboardPostsTable,
  WebboardReportsTable,
  WebboardTopicsTable,
} from "./webboard.table.js";
export { reindexWebboardTopic, webboardQueryTerms } from "./webboard-search.js";
