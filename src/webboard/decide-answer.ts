import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Answer } from "./answer.js";
import { findAnswerTopic } from "./answer-topic.repo.js";
import { queueAnsweredNotice } from "./notify-answer.js";
import { type AnswerActor, recordAnswerAction } from "./record-answer-action.js";

export type Decision = "submit" | "approve" | "return" | "withdraw";

export interface DecideAnswerInput {
  agencyId: string;
  answerId: string;
  action: Decision;
  actor: AnswerActor;
  expectedUpdatedAt?: string;
  reason?: string;
  /** The topic's public page, for the citizen's notice (WB-1). */
  topicUrl: (topicId: string) => string;
  ip?: string;
}

export const MAX_DECISION_REASON = 1000;

/**
 * WB-4: submits an answer for approval, or decides on it: approve (published, the topic's search words
 * rewritten, the asker's notice queued), return with a reason, withdraw with a reason. One transaction;
 * the rules are `recordAnswerAction`'s. Throws its errors and FIELD_TOO_LONG for a long reason.
 */
export async function decideAnswer(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: DecideAnswerInput,
): Promise<Answer> {
  const reason = input.reason?.trim() ?? "";
  if (reason.length > MAX_DECISION_REASON)
    throw new AppError("FIELD_TOO_LONG", { field: "reason", max: MAX_DECISION_REASON }, { field: "reason" });
  const now = deps.clock.now();
  return withTransaction(deps.handle, async (trx) => {
    const answer = await recordAnswerAction(trx, {
      agencyId: input.agencyId,
      answerId: input.answerId,
      action: input.action,
      actor: input.actor,
      at: now,
      expectedUpdatedAt: input.expectedUpdatedAt,
      reason: reason || null,
      ip: input.ip,
    });
    if (input.action === "approve") {
      const topic = await findAnswerTopic(trx, answer.agencyId, answer.topicId);
      if (topic) await queueAnsweredNotice(trx, answer, topic, input.topicUrl(topic.id), now.toISOString());
    }
    return answer;
  });
}
