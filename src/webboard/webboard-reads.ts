import { listServices, queryTermsOf } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { listPublishedAnswers, type PublishedAnswer } from "./published-answers.repo.js";
import { parseCursor, type WebboardParams } from "./webboard.query.js";
import { findTopic, listTopicPosts, listTopics, type TopicCursor } from "./webboard.repo.js";

export interface ServiceChoice {
  id: string;
  code: string;
  name: { th: string; en?: string };
}

/** A topic as the public reads it: a hidden one keeps only its id and the moderator's reason. */
export interface PublicTopic {
  id: string;
  status: "open" | "closed" | "hidden";
  title: string | null;
  hiddenReason: string | null;
  service: ServiceChoice | null;
  createdAt: string;
  lastActivityAt: string;
  postCount: number;
}

/** A post as the public reads it: hidden, its text is gone and the reason is shown instead. */
export interface PublicPost {
  id: string;
  body: string | null;
  hiddenReason: string | null;
  createdAt: string;
}

/** The agency's published services, the topics' subjects. */
export async function webboardServices(db: Db, agencyId: string): Promise<ServiceChoice[]> {
  return (await listServices(db, agencyId))
    .filter((s) => s.state === "published")
    .map((s) => ({ id: s.id, code: s.code, name: s.name }));
}

function publicTopic(
  row: Awaited<ReturnType<typeof findTopic>> & object,
  services: ServiceChoice[],
): PublicTopic {
  const hidden = row.status === "hidden";
  return {
    id: row.id,
    status: row.status,
    title: hidden ? null : row.title,
    hiddenReason: hidden ? row.hidden_reason : null,
    service: services.find((s) => s.id === row.service_id) ?? null,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    postCount: row.post_count,
  };
}

/** WB-2: a page of topics for the list, the JSON and the feed (never a hidden one). */
export async function readTopicList(
  db: Db,
  agencyId: string,
  params: WebboardParams,
  limit: number,
): Promise<{ topics: PublicTopic[]; next?: TopicCursor; services: ServiceChoice[] }> {
  const services = await webboardServices(db, agencyId);
  const service = params.service ? services.find((s) => s.code === params.service) : undefined;
  const terms = params.q ? queryTermsOf(params.q) : [];
  if ((params.service && !service) || (params.q && terms.length === 0)) return { topics: [], services };
  const page = await listTopics(db, agencyId, {
    terms,
    serviceId: service?.id,
    after: parseCursor(params.after),
    limit,
  });
  return { topics: page.topics.map((row) => publicTopic(row, services)), next: page.next, services };
}

/**
 * WB-1, WB-4: a topic as the public reads it: visible posts, hidden ones as their reason, and only
 * published answers. A hidden topic shows neither its title nor its posts. Throws WEBBOARD_TOPIC_NOT_FOUND.
 */
export async function readTopic(
  db: Db,
  agencyId: string,
  id: string,
): Promise<{ topic: PublicTopic; posts: PublicPost[]; answers: PublishedAnswer[] }> {
  const row = await findTopic(db, agencyId, id);
  if (!row) throw new AppError("WEBBOARD_TOPIC_NOT_FOUND");
  const topic = publicTopic(row, await webboardServices(db, agencyId));
  if (topic.status === "hidden") return { topic, posts: [], answers: [] };
  const posts = (await listTopicPosts(db, row.id)).map((p) => ({
    id: p.id,
    body: p.status === "visible" ? p.body : null,
    hiddenReason: p.status === "visible" ? null : p.hidden_reason,
    createdAt: p.created_at,
  }));
  return { topic, posts, answers: await listPublishedAnswers(db, agencyId, [row.id]) };
}
