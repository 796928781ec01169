import type { Db } from "../platform/db/database.js";

/** What a citizen wrote on the webboard (PD-3): their topics, their own posts, the reports they filed. */
export interface PersonWebboard {
  topics: { id: string; serviceId: string | null; title: string; status: string; createdAt: string }[];
  posts: { id: string; topicId: string; body: string; status: string; createdAt: string }[];
  reports: { id: string; topicId: string; postId: string | null; reason: string; createdAt: string }[];
}

/**
 * #17 export (PD-3, s.30): the rows this account wrote, and only those: another person's reply in the
 * citizen's own topic is theirs, not this person's, and stays out.
 */
export async function listPersonWebboard(
  db: Db,
  agencyId: string,
  accountId: string,
): Promise<PersonWebboard> {
  const topics = await db
    .selectFrom("webboard_topics")
    .select(["id", "service_id", "title", "status", "created_at"])
    .where("agency_id", "=", agencyId)
    .where("author_account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
  const posts = await db
    .selectFrom("webboard_posts")
    .select(["id", "topic_id", "body", "status", "created_at"])
    .where("agency_id", "=", agencyId)
    .where("author_account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
  const reports = await db
    .selectFrom("webboard_reports")
    .select(["id", "topic_id", "post_id", "reason", "created_at"])
    .where("agency_id", "=", agencyId)
    .where("reporter_account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
  return {
    topics: topics.map((t) => ({
      id: t.id,
      serviceId: t.service_id,
      title: t.title,
      status: t.status,
      createdAt: t.created_at,
    })),
    posts: posts.map((p) => ({
      id: p.id,
      topicId: p.topic_id,
      body: p.body,
      status: p.status,
      createdAt: p.created_at,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      topicId: r.topic_id,
      postId: r.post_id,
      reason: r.reason,
      createdAt: r.created_at,
    })),
  };
}
