import { AGENCY_WIDE_ROLES } from "../casework/index.js";
import { CASEWORK_ROLES, type Role } from "../staff/index.js";
import type { StatusTable } from "../workflow/index.js";
import type { WebboardAnswerStatus } from "./webboard.table.js";

export type AnswerAction = "edit" | "submit" | "approve" | "return" | "withdraw" | "promote";

/** Who drafts, edits and submits an answer: the officers who work matters (WB-3). */
export const ANSWER_DRAFTERS: readonly Role[] = CASEWORK_ROLES;

/**
 * WB-4 "a supervisor or the service owner": services name their responsible unit only as text, so the
 * owner of an answer is its answering unit, and that unit's approvers decide; supervisors, the head of
 * agency and admins decide for every unit. `answerInScope` keeps an approver to their units' answers.
 */
export const ANSWER_APPROVERS: readonly Role[] = ["approver", "supervisor", "head_of_agency", "admin"];

/**
 * #16 answers: an answer's life as data. Nothing before `published` is public; `published` is reached
 * only by an approval (WB-4); a withdrawal takes it down again with a reason. Written only by
 * `recordAnswerAction`, with its event and audit row.
 */
export const ANSWER_STATUSES: StatusTable<WebboardAnswerStatus, AnswerAction, Role> = {
  draft: {
    edit: { next: "draft", by: ANSWER_DRAFTERS },
    submit: { next: "submitted", by: ANSWER_DRAFTERS },
  },
  submitted: {
    approve: { next: "published", by: ANSWER_APPROVERS },
    return: { next: "returned", by: ANSWER_APPROVERS },
  },
  returned: {
    edit: { next: "returned", by: ANSWER_DRAFTERS },
    submit: { next: "submitted", by: ANSWER_DRAFTERS },
  },
  published: {
    withdraw: { next: "withdrawn", by: ANSWER_APPROVERS },
    promote: { next: "published", by: ANSWER_APPROVERS },
  },
  withdrawn: {},
};

/** Acts that change what the public sees of the topic: its search words are rewritten with them. */
export const PUBLIC_ACTIONS: readonly AnswerAction[] = ["approve", "withdraw"];

/** Acts of decision: WB-4's four eyes (never by one who wrote the answer) and a step-up (WS-3). */
export const DECISIONS: readonly AnswerAction[] = ["approve", "return", "withdraw"];

type Officer = { roles: readonly Role[]; unitIds: readonly string[] };

/** Whether an officer sees and acts on an answer: agency-wide roles every one, others their units'. */
export function answerInScope(staff: Officer, answer: { unitId: string | null }): boolean {
  if (staff.roles.some((r) => AGENCY_WIDE_ROLES.includes(r))) return true;
  return answer.unitId !== null && staff.unitIds.includes(answer.unitId);
}

/** The units whose answers an officer's queues list: undefined for every unit. */
export const answerUnits = (staff: Officer): readonly string[] | undefined =>
  staff.roles.some((r) => AGENCY_WIDE_ROLES.includes(r)) ? undefined : staff.unitIds;
