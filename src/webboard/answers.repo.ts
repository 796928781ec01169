import type { Db } from "../platform/db/database.js";
import { type Answer, answerOf } from "./answer.js";
import type { WebboardAnswerStatus } from "./webboard.table.js";

export async function findAnswer(db: Db, agencyId: string, answerId: string): Promise<Answer | undefined> {
  const row = await db
    .selectFrom("webboard_answers")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", answerId)
    .executeTakeFirst();
  return row && answerOf(row);
}

export interface QueuedAnswer extends Answer {
  topicTitle: string;
}

/** The answers of one status in the officer's units (undefined: every unit), the latest change first. */
export async function listAnswersByStatus(
  db: Db,
  agencyId: string,
  status: WebboardAnswerStatus,
  unitIds: readonly string[] | undefined,
  limit = 50,
): Promise<QueuedAnswer[]> {
  if (unitIds !== undefined && unitIds.length === 0) return [];
  let query = db
    .selectFrom("webboard_answers as a")
    .innerJoin("webboard_topics as t", "t.id", "a.topic_id")
    .selectAll("a")
    .select("t.title as topic_title")
    .where("a.agency_id", "=", agencyId)
    .where("a.status", "=", status);
  if (unitIds !== undefined) query = query.where("a.unit_id", "in", [...unitIds]);
  const rows = await query.orderBy("a.updated_at", "desc").orderBy("a.id").limit(limit).execute();
  return rows.map(({ topic_title, ...row }) => ({ ...answerOf(row), topicTitle: topic_title }));
}

export interface AnswerEvent {
  action: string;
  fromStatus: WebboardAnswerStatus | null;
  toStatus: WebboardAnswerStatus;
  reason: string | null;
  actor: string;
  at: string;
}

/** An answer's history, oldest first (the answer page). */
export async function listAnswerEvents(db: Db, agencyId: string, answerId: string): Promise<AnswerEvent[]> {
  const rows = await db
    .selectFrom("webboard_answer_events")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("answer_id", "=", answerId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reason: r.reason,
    actor: r.actor,
    at: r.at,
  }));
}
