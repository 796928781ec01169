// #16 core
export type {
  WebboardAnswerStatus,
  WebboardAnswersTable,
  WebboardPostsTable,
  WebboardReportsTable,
  WebboardTopicsTable,
} from "./webboard.table.js";
