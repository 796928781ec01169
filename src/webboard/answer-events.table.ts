import type { WebboardAnswerStatus } from "./webboard.table.js";

/** #16 answers (WB-3, WB-4): one act on a webboard answer, with the reason a return or withdrawal gave. */
export interface WebboardAnswerEventsTable {
  id: string;
  agency_id: string;
  answer_id: string;
  /** An AnswerAction: draft, edit, submit, approve, return, withdraw, promote. */
  action: string;
  /** null for the first draft. */
  from_status: WebboardAnswerStatus | null;
  to_status: WebboardAnswerStatus;
  reason: string | null;
  /** `staff:<id>`, as in the audit trail. */
  actor: string;
  at: string;
}
