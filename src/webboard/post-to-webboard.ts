import { recordAudit } from "../audit/index.js";
import { hasVerifiedContact } from "../identity/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { cleanPostText } from "./clean-post-text.js";
import { countPost, POST_LIMITS } from "./post-limits.js";
import { refreshTopicCounts } from "./webboard.repo.js";
import { reindexWebboardTopic } from "./webboard-search.js";

/** A signed-in citizen posting, and the keyed hash of the address the post came from. */
export interface Poster {
  agencyId: string;
  accountId: string;
  addressKey: string;
}

export interface PostingDeps {
  handle: DatabaseHandle;
  clock: Clock;
}

async function checkPoster(deps: PostingDeps, poster: Poster): Promise<void> {
  // WB-2: reading is open to all; posting needs an account with a verified contact.
  if (!(await hasVerifiedContact(deps.handle.db, poster.agencyId, poster.accountId)))
    throw new AppError("WEBBOARD_CONTACT_UNVERIFIED");
}

async function insertPost(
  trx: Parameters<typeof recordAudit>[0],
  poster: Poster,
  topicId: string,
  body: string,
  at: string,
) {
  const id = newId();
  await trx
    .insertInto("webboard_posts")
    .values({
      id,
      agency_id: poster.agencyId,
      topic_id: topicId,
      author_account_id: poster.accountId,
      body,
      status: "visible",
      hidden_reason: null,
      hidden_by: null,
      hidden_at: null,
      created_at: at,
    })
    .execute();
  return id;
}

/**
 * WB-2: a citizen opens a topic (title and question, about a published service or general). The text
 * is cleaned (`cleanPostText`), the flood limits counted, and the topic, its first post, its search
 * words and the audit row written in one transaction. Throws WEBBOARD_CONTACT_UNVERIFIED,
 * WEBBOARD_TEXT_*, WEBBOARD_LINK_REFUSED, WEBBOARD_TOO_MANY_POSTS.
 */
export async function openWebboardTopic(
  deps: PostingDeps,
  poster: Poster,
  input: { title: string; body: string; serviceId: string | null },
): Promise<{ topicId: string }> {
  const title = cleanPostText(input.title, "title");
  const body = cleanPostText(input.body, "body");
  await checkPoster(deps, poster);
  const now = deps.clock.now();
  const at = now.toISOString();
  return withTransaction(deps.handle, async (trx) => {
    await countPost(trx, {
      agencyId: poster.agencyId,
      at: now,
      subject: `topic:account:${poster.accountId}`,
      limit: POST_LIMITS.topicsPerAccount,
    });
    await countPosterPost(trx, poster, now);
    const topicId = newId();
    await trx
      .insertInto("webboard_topics")
      .values({
        id: topicId,
        agency_id: poster.agencyId,
        service_id: input.serviceId,
        title,
        author_account_id: poster.accountId,
        status: "open",
        hidden_reason: null,
        hidden_by: null,
        hidden_at: null,
        created_at: at,
        last_activity_at: at,
        post_count: 0,
      })
      .execute();
    const postId = await insertPost(trx, poster, topicId, body, at);
    await refreshTopicCounts(trx, topicId, at);
    await reindexWebboardTopic(trx, topicId);
    await recordAudit(trx, {
      agencyId: poster.agencyId,
      actor: `citizen:${poster.accountId}`,
      action: "webboard.topic.open",
      subjectType: "webboard_topic",
      subjectId: topicId,
      data: { postId, serviceId: input.serviceId },
      at,
    });
    return { topicId };
  });
}

/**
 * WB-2: a citizen replies in an open topic. Throws WEBBOARD_TOPIC_NOT_FOUND (none, another agency's,
 * hidden), WEBBOARD_TOPIC_CLOSED, and what `openWebboardTopic` throws.
 */
export async function replyToWebboardTopic(
  deps: PostingDeps,
  poster: Poster,
  input: { topicId: string; body: string },
): Promise<{ postId: string }> {
  const body = cleanPostText(input.body, "body");
  await checkPoster(deps, poster);
  const now = deps.clock.now();
  const at = now.toISOString();
  return withTransaction(deps.handle, async (trx) => {
    const topic = await trx
      .selectFrom("webboard_topics")
      .select(["id", "status"])
      .where("agency_id", "=", poster.agencyId)
      .where("id", "=", input.topicId)
      .executeTakeFirst();
    if (!topic || topic.status === "hidden") throw new AppError("WEBBOARD_TOPIC_NOT_FOUND");
    if (topic.status === "closed") throw new AppError("WEBBOARD_TOPIC_CLOSED");
    await countPosterPost(trx, poster, now);
    const postId = await insertPost(trx, poster, topic.id, body, at);
    await refreshTopicCounts(trx, topic.id, at);
    await reindexWebboardTopic(trx, topic.id);
    await recordAudit(trx, {
      agencyId: poster.agencyId,
      actor: `citizen:${poster.accountId}`,
      action: "webboard.post.add",
      subjectType: "webboard_post",
      subjectId: postId,
      data: { topicId: topic.id },
      at,
    });
    return { postId };
  });
}

/** Every post (a topic's first too) counts against the poster's account and address (flood limits). */
async function countPosterPost(trx: Db, poster: Poster, now: Date): Promise<void> {
  const counted = { agencyId: poster.agencyId, at: now };
  await countPost(trx, {
    ...counted,
    subject: `post:account:${poster.accountId}`,
    limit: POST_LIMITS.postsPerAccount,
  });
  await countPost(trx, {
    ...counted,
    subject: `post:address:${poster.addressKey}`,
    limit: POST_LIMITS.postsPerAddress,
  });
}
