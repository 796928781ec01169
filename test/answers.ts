import type { DatabaseHandle } from "../src/platform/db/database.js";
import { newId } from "../src/platform/ids.js";
import { signedInCitizen } from "./citizen.js";
import type { TestService } from "./service.js";

/**
 * A citizen's webboard topic with its question post, written directly (the public pages have their own
 * tests): the asker has `email` (none: no verified email), the topic is about `serviceId`.
 */
let phones = 0;

export async function askedTopic(
  service: TestService,
  input: { at: Date; title: string; question: string; serviceId?: string | null; email?: string },
): Promise<{ topicId: string; postId: string; accountId: string }> {
  const citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
    agencyId: "demo",
    at: input.at,
    ...(input.email ? { email: input.email } : { phone: `0812${String(++phones).padStart(6, "0")}` }),
  });
  const at = input.at.toISOString();
  const topicId = newId();
  const postId = newId();
  const db = service.handle.db;
  await db
    .insertInto("webboard_topics")
    .values({
      id: topicId,
      agency_id: "demo",
      service_id: input.serviceId ?? null,
      title: input.title,
      author_account_id: citizen.accountId,
      status: "open",
      hidden_reason: null,
      hidden_by: null,
      hidden_at: null,
      created_at: at,
      last_activity_at: at,
      post_count: 1,
    })
    .execute();
  await db
    .insertInto("webboard_posts")
    .values({
      id: postId,
      agency_id: "demo",
      topic_id: topicId,
      author_account_id: citizen.accountId,
      body: input.question,
      status: "visible",
      hidden_reason: null,
      hidden_by: null,
      hidden_at: null,
      created_at: at,
    })
    .execute();
  return { topicId, postId, accountId: citizen.accountId };
}

/** The demo agency's unit of `code` (saraban, permits). */
export async function unitIdOf(handle: DatabaseHandle, code: string): Promise<string> {
  const row = await handle.db
    .selectFrom("units")
    .select("id")
    .where("agency_id", "=", "demo")
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The topic's search words (what the public search finds it by). */
export async function topicTerms(handle: DatabaseHandle, topicId: string): Promise<string[]> {
  const rows = await handle.db
    .selectFrom("webboard_search_terms")
    .select("term")
    .where("topic_id", "=", topicId)
    .execute();
  return rows.map((r) => r.term);
}
