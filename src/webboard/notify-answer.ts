import { findCitizenEmail } from "../identity/index.js";
import { enqueueMessage, findSubjectMessageStates, type OutboxStatus } from "../outbox/index.js";
import type { Db } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { bilingual } from "../platform/i18n/index.js";
import type { Answer } from "./answer.js";
import type { AnswerTopic } from "./answer-topic.repo.js";

export const ANSWERED_KIND = "webboard-answered";
const subjectOf = (answerId: string) => `webboard-answer:${answerId}`;

/**
 * WB-1: tells the citizen who asked that their question has a published answer, by email through the
 * outbox (in the approving transaction, so the notice exists exactly when the answer is public). Only
 * the link is sent, not the answer: the topic page is the answer of record. No verified email: nothing
 * is queued and false is returned (the page says so).
 */
export async function queueAnsweredNotice(
  trx: Db,
  answer: Answer,
  topic: AnswerTopic,
  topicUrl: string,
  at: string,
): Promise<boolean> {
  const email = await findCitizenEmail(trx, answer.agencyId, topic.authorAccountId);
  if (!email || !isValidEmailAddress(email)) return false;
  await enqueueMessage(
    trx,
    {
      agencyId: answer.agencyId,
      entryId: null,
      subjectKey: subjectOf(answer.id),
      kind: ANSWERED_KIND,
      channel: "email",
      recipient: email,
      mail: {
        subject: bilingual("answers.mail.subject"),
        text: bilingual("answers.mail.text", { title: topic.title, url: topicUrl }),
      },
    },
    at,
  );
  return true;
}

/**
 * What became of the notice: "none" (nothing queued: no verified email), else the outbox's state. The
 * page says "notified" only for `sent`.
 */
export async function answeredNoticeState(db: Db, answerId: string): Promise<OutboxStatus | "none"> {
  const states = await findSubjectMessageStates(db, [subjectOf(answerId)], ANSWERED_KIND);
  return states.get(subjectOf(answerId))?.status ?? "none";
}
