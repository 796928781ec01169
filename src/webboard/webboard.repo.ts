import type { Db } from "../platform/db/database.js";
import type { WebboardPostsTable, WebboardTopicsTable } from "./webboard.table.js";

export type TopicRow = WebboardTopicsTable;
export type PostRow = WebboardPostsTable;

/** Where a page of topics starts: after this (last_activity_at, id), newest activity first. */
export interface TopicCursor {
  at: string;
  id: string;
}

export interface TopicQuery {
  /** Search words (`queryTermsOf`): every one must be among a topic's public words. */
  terms: string[];
  serviceId?: string;
  after?: TopicCursor;
  limit: number;
}

/**
 * WB-2: a page of the agency's topics that are not hidden, newest activity first, by keyset over
 * `webboard_topics_recent` / `_service`. Search words come only from what the public may read
 * (`reindexWebboardTopic`), so a hidden post or an unpublished answer never finds a topic.
 */
export async function listTopics(
  db: Db,
  agencyId: string,
  query: TopicQuery,
): Promise<{ topics: TopicRow[]; next?: TopicCursor }> {
  let select = db
    .selectFrom("webboard_topics as t")
    .selectAll("t")
    .where("t.agency_id", "=", agencyId)
    .where("t.status", "!=", "hidden");
  if (query.serviceId) select = select.where("t.service_id", "=", query.serviceId);
  if (query.after) {
    const { at, id } = query.after;
    select = select.where((eb) =>
      eb.or([
        eb("t.last_activity_at", "<", at),
        eb.and([eb("t.last_activity_at", "=", at), eb("t.id", "<", id)]),
      ]),
    );
  }
  for (const term of query.terms)
    select = select.where("t.id", "in", (eb) =>
      eb
        .selectFrom("webboard_search_terms as s")
        .select("s.topic_id")
        .where("s.agency_id", "=", agencyId)
        .where("s.term", "=", term),
    );
  const rows = await select
    .orderBy("t.last_activity_at", "desc")
    .orderBy("t.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const topics = rows.slice(0, query.limit);
  const last = topics.at(-1);
  return rows.length > query.limit && last
    ? { topics, next: { at: last.last_activity_at, id: last.id } }
    : { topics };
}

/** A topic of the agency by id, whatever its status; undefined when none or another agency's. */
export async function findTopic(db: Db, agencyId: string, id: string): Promise<TopicRow | undefined> {
  return db
    .selectFrom("webboard_topics")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** A topic's posts in order, hidden ones included (the page shows them as a placeholder). */
export async function listTopicPosts(db: Db, topicId: string, limit = 500): Promise<PostRow[]> {
  return db
    .selectFrom("webboard_posts")
    .selectAll()
    .where("topic_id", "=", topicId)
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** A post of a topic of the agency, or undefined. */
export async function findPost(db: Db, agencyId: string, id: string): Promise<PostRow | undefined> {
  return db
    .selectFrom("webboard_posts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/**
 * Recounts a topic's visible posts (after a post, a hiding, a restoring) and, for a new post, moves its
 * last activity to `activityAt`. A hiding leaves the activity as it was: answers move it too.
 */
export async function refreshTopicCounts(trx: Db, topicId: string, activityAt?: string): Promise<void> {
  const row = await trx
    .selectFrom("webboard_posts")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("topic_id", "=", topicId)
    .where("status", "=", "visible")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("webboard_topics")
    .set(
      activityAt
        ? { post_count: Number(row.n), last_activity_at: activityAt }
        : { post_count: Number(row.n) },
    )
    .where("id", "=", topicId)
    .execute();
}
