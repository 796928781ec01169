import { termsOf } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";

const BATCH = 200;

/**
 * WB-4: writes a topic's search words from what the public may read of it — the title of a topic not
 * hidden, its visible posts and its published answers. A draft, returned or withdrawn answer and a
 * hidden post add no word, so the search never finds a topic by text the public cannot see. Call it in
 * the transaction that changes what is visible (a post, a hiding, an approval, a withdrawal).
 */
export async function reindexWebboardTopic(trx: Db, topicId: string): Promise<void> {
  await trx.deleteFrom("webboard_search_terms").where("topic_id", "=", topicId).execute();
  const topic = await trx
    .selectFrom("webboard_topics")
    .select(["agency_id", "title", "status"])
    .where("id", "=", topicId)
    .executeTakeFirst();
  if (!topic || topic.status === "hidden") return;
  const posts = await trx
    .selectFrom("webboard_posts")
    .select("body")
    .where("topic_id", "=", topicId)
    .where("status", "=", "visible")
    .execute();
  const answers = await trx
    .selectFrom("webboard_answers")
    .select("body")
    .where("topic_id", "=", topicId)
    .where("status", "=", "published")
    .execute();
  const text = [topic.title, ...posts.map((p) => p.body), ...answers.map((a) => a.body)].join(" ");
  const rows = [...new Set(termsOf(text))].map((term) => ({
    agency_id: topic.agency_id,
    term,
    topic_id: topicId,
  }));
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto("webboard_search_terms")
      .values(rows.slice(i, i + BATCH))
      .execute();
}
