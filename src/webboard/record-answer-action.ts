import { recordAudit } from "../audit/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { Role } from "../staff/index.js";
import { type Actor, auditActor, nextStatus } from "../workflow/index.js";
import { type Answer, answerOf, nextStamp } from "./answer.js";
import {
  ANSWER_STATUSES,
  type AnswerAction,
  answerInScope,
  DECISIONS,
  PUBLIC_ACTIONS,
} from "./answer-statuses.js";
import type { WebboardAnswersTable } from "./webboard.table.js";
import { reindexWebboardTopic } from "./webboard-search.js";

export type AnswerActor = Extract<Actor<Role>, { kind: "staff" }> & { unitIds: readonly string[] };

export interface AnswerActionInput {
  agencyId: string;
  answerId: string;
  action: AnswerAction;
  actor: AnswerActor;
  at: Date;
  /** The `updatedAt` the officer's page showed: an answer changed since is ANSWER_STALE (one approver wins). */
  expectedUpdatedAt?: string;
  /** A return's or withdrawal's reason (required for them). */
  reason?: string | null;
  /** The columns the act also sets (an edit's text, a promotion's FAQ entry). */
  changes?: Partial<
    Pick<
      WebboardAnswersTable,
      "body" | "regulation" | "regulation_effective_on" | "holds_as_of" | "unit_id" | "faq_entry_id"
    >
  >;
  ip?: string;
}

/** Whether someone wrote (drafted, edited or submitted) the answer: WB-4 keeps them from deciding on it. */
async function wroteAnswer(trx: Db, answer: Answer, actor: string): Promise<boolean> {
  if (`staff:${answer.draftedBy}` === actor) return true;
  const row = await trx
    .selectFrom("webboard_answer_events")
    .select("id")
    .where("answer_id", "=", answer.id)
    .where("actor", "=", actor)
    .where("action", "in", ["draft", "edit", "submit"])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * #16 answers: the one way an answer's status changes, inside the caller's transaction. Checks the
 * status table and the actor's roles and units (another unit's answer is ANSWER_NOT_FOUND), the four
 * eyes of WB-4 (ANSWER_OWN_DECISION), the version (ANSWER_STALE); then writes the row, the event and the
 * audit row, and rewrites the topic's search words when the public's view changes (approve, withdraw).
 */
export async function recordAnswerAction(trx: Db, input: AnswerActionInput): Promise<Answer> {
  const row = await trx
    .selectFrom("webboard_answers")
    .selectAll()
    .where("agency_id", "=", input.agencyId)
    .where("id", "=", input.answerId)
    .executeTakeFirst();
  if (!row) throw new AppError("ANSWER_NOT_FOUND");
  const answer = answerOf(row);
  if (!answerInScope(input.actor, answer)) throw new AppError("ANSWER_NOT_FOUND");
  if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== answer.updatedAt)
    throw new AppError("ANSWER_STALE");
  let next: Answer["status"];
  try {
    next = nextStatus(ANSWER_STATUSES, answer.status, input.action, input.actor.roles);
  } catch (error) {
    if (error instanceof AppError && error.code === "ACTION_NOT_ALLOWED")
      throw new AppError("ANSWER_ACTION_NOT_ALLOWED", { status: answer.status, action: input.action });
    throw error;
  }
  const actor = auditActor(input.actor);
  if (DECISIONS.includes(input.action) && (await wroteAnswer(trx, answer, actor)))
    throw new AppError("ANSWER_OWN_DECISION");
  const reason = input.reason?.trim() || null;
  if ((input.action === "return" || input.action === "withdraw") && !reason)
    throw new AppError("ANSWER_REASON_REQUIRED", {}, { field: "reason" });
  const at = nextStamp(answer.updatedAt, input.at);
  const decided = DECISIONS.includes(input.action);
  const updated = await trx
    .updateTable("webboard_answers")
    .set({
      ...input.changes,
      status: next,
      updated_at: at,
      ...(decided && { decided_by: input.actor.staffId, decided_at: at }),
      ...(input.action === "return" && { return_reason: reason }),
      ...(input.action === "approve" && { published_at: at, return_reason: null }),
    })
    .where("id", "=", answer.id)
    // Optimistic: a second approver who read the same version updates nothing and is told so.
    .where("updated_at", "=", answer.updatedAt)
    .where("status", "=", answer.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError("ANSWER_STALE");
  await trx
    .insertInto("webboard_answer_events")
    .values({
      id: newId(),
      agency_id: input.agencyId,
      answer_id: answer.id,
      action: input.action,
      from_status: answer.status,
      to_status: next,
      reason: input.action === "return" || input.action === "withdraw" ? reason : null,
      actor,
      at,
    })
    .execute();
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor,
    action: `webboard.answer.${input.action}`,
    subjectType: "webboard_answer",
    subjectId: answer.id,
    data: {
      topicId: answer.topicId,
      status: { from: answer.status, to: next },
      faqEntryId: input.changes?.faq_entry_id ?? undefined,
    },
    ip: input.ip,
    at,
  });
  if (PUBLIC_ACTIONS.includes(input.action)) await reindexWebboardTopic(trx, answer.topicId);
  const after = await trx
    .selectFrom("webboard_answers")
    .selectAll()
    .where("id", "=", answer.id)
    .executeTakeFirstOrThrow();
  return answerOf(after);
}
