import type { Db } from "../platform/db/database.js";

/** What an answer needs of its topic: the title, its service, who asked, whether the public sees it. */
export interface AnswerTopic {
  id: string;
  serviceId: string | null;
  title: string;
  authorAccountId: string;
  status: "open" | "hidden" | "closed";
  createdAt: string;
}

export async function findAnswerTopic(
  db: Db,
  agencyId: string,
  topicId: string,
): Promise<AnswerTopic | undefined> {
  const row = await db
    .selectFrom("webboard_topics")
    .select(["id", "service_id", "title", "author_account_id", "status", "created_at"])
    .where("agency_id", "=", agencyId)
    .where("id", "=", topicId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      serviceId: row.service_id,
      title: row.title,
      authorAccountId: row.author_account_id,
      status: row.status,
      createdAt: row.created_at,
    }
  );
}

/** The topic's visible posts, oldest first (the first is the question): the officer answers what the public reads. */
export async function listVisibleTopicPosts(
  db: Db,
  topicId: string,
  limit = 200,
): Promise<{ id: string; body: string; createdAt: string }[]> {
  const rows = await db
    .selectFrom("webboard_posts")
    .select(["id", "body", "created_at"])
    .where("topic_id", "=", topicId)
    .where("status", "=", "visible")
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.created_at }));
}

/**
 * Queue "awaiting an answer": topics not hidden or closed with no answer in any status but withdrawn
 * (every unit's: any officer may take a question), newest activity first.
 */
export async function listTopicsAwaitingAnswer(db: Db, agencyId: string, limit = 50) {
  return db
    .selectFrom("webboard_topics as t")
    .select(["t.id", "t.title", "t.service_id", "t.created_at", "t.last_activity_at"])
    .where("t.agency_id", "=", agencyId)
    .where("t.status", "=", "open")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("webboard_answers as a")
            .select("a.id")
            .whereRef("a.topic_id", "=", "t.id")
            .where("a.status", "!=", "withdrawn"),
        ),
      ),
    )
    .orderBy("t.last_activity_at", "desc")
    .orderBy("t.id")
    .limit(limit)
    .execute();
}
