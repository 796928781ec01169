import { publishFaqEntryIn } from "../faq/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { auditActor } from "../workflow/index.js";
import type { Answer } from "./answer.js";
import { answerInScope } from "./answer-statuses.js";
import { findAnswerTopic } from "./answer-topic.repo.js";
import { findAnswer } from "./answers.repo.js";
import { type AnswerActor, recordAnswerAction } from "./record-answer-action.js";

export interface PromoteAnswerInput {
  agencyId: string;
  answerId: string;
  /** The question as the FAQ shows it: the topic's title and question, as the officer edited them. */
  question: string;
  actor: AnswerActor;
  expectedUpdatedAt?: string;
  ip?: string;
}

/**
 * WB-1, IF-4: a published answer becomes an FAQ entry of the topic's service in one action: the entry
 * (with the answer's citation and unit), the answer's link to it, its event and audit row, together.
 * Promoting again returns the entry it already is. Throws ANSWER_NOT_FOUND, ANSWER_ACTION_NOT_ALLOWED
 * (not published), ANSWER_STALE, FAQ_ENTRY_INVALID.
 */
export async function promoteAnswer(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: PromoteAnswerInput,
): Promise<{ answer: Answer; faqEntryId: string; created: boolean }> {
  return withTransaction(deps.handle, async (trx) => {
    const answer = await findAnswer(trx, input.agencyId, input.answerId);
    if (!answer || !answerInScope(input.actor, answer)) throw new AppError("ANSWER_NOT_FOUND");
    if (answer.status === "published" && answer.faqEntryId)
      return { answer, faqEntryId: answer.faqEntryId, created: false };
    if (answer.status !== "published")
      throw new AppError("ANSWER_ACTION_NOT_ALLOWED", { status: answer.status, action: "promote" });
    const topic = await findAnswerTopic(trx, input.agencyId, answer.topicId);
    if (!topic) throw new AppError("ANSWER_NOT_FOUND");
    const { entry, created } = await publishFaqEntryIn(trx, deps.clock, {
      agencyId: input.agencyId,
      serviceId: topic.serviceId,
      question: input.question,
      answer: answer.body,
      regulation: answer.regulation,
      regulationEffectiveOn: answer.regulationEffectiveOn,
      holdsAsOf: answer.holdsAsOf,
      unitId: answer.unitId,
      source: "webboard",
      sourceId: answer.id,
      actor: auditActor(input.actor),
      ip: input.ip,
    });
    // Roles, version and the audit row: a refusal here rolls the entry back with it.
    const linked = await recordAnswerAction(trx, {
      agencyId: input.agencyId,
      answerId: answer.id,
      action: "promote",
      actor: input.actor,
      at: deps.clock.now(),
      expectedUpdatedAt: input.expectedUpdatedAt,
      changes: { faq_entry_id: entry.id },
      ip: input.ip,
    });
    return { answer: linked, faqEntryId: entry.id, created };
  });
}
