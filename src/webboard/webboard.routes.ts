import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import type { PostingDeps } from "./post-to-webboard.js";
import { topicView } from "./views/topic.view.js";
import { topicListView } from "./views/webboard.view.js";
import { cursorText, parseWebboardParams, TOPIC_ID, WEBBOARD_PAGE_SIZE } from "./webboard.query.js";
import { webboardAtom } from "./webboard-feed.js";
import { readTopic, readTopicList } from "./webboard-reads.js";

export interface WebboardDeps extends PostingDeps {
  /** Keys the hash of client addresses for the flood limits. */
  secret: string;
  publicUrl: string;
}

/** A topic id from the path; anything else names no topic (and never reaches the database). */
export const topicIdOf = (raw: string) => {
  if (!TOPIC_ID.test(raw)) throw new AppError("WEBBOARD_TOPIC_NOT_FOUND");
  return raw;
};

/**
 * #16 webboard (WB-1, WB-2, WB-4): the public webboard, read without an account: `/webboard` (search,
 * service filter, keyset pages), `/webboard/topics/:id`, their JSON twins and `/webboard.atom`. Every
 * one reads answers only through `listPublishedAnswers`, so nothing unapproved is ever shown.
 */
export async function webboardRoutes(app: FastifyInstance, deps: WebboardDeps) {
  const db = deps.handle.db;
  const listOf = (req: FastifyRequest) =>
    readTopicList(db, req.agency.id, parseWebboardParams(req.query), WEBBOARD_PAGE_SIZE);

  app.get("/webboard", { schema: { hide: true } }, async (req, reply) => {
    const params = parseWebboardParams(req.query);
    const page = await readTopicList(db, req.agency.id, params, WEBBOARD_PAGE_SIZE);
    const body = topicListView({ lang: req.lang, base: req.basePath, params, ...page });
    return sendPage(req, reply, { title: t(req.lang, "webboard.title"), body });
  });

  app.get("/webboard.json", { schema: { hide: true } }, async (req, reply) => {
    const { topics, next } = await listOf(req);
    return reply.header("cache-control", "no-cache").send({ topics, next: next ? cursorText(next) : null });
  });

  app.get("/webboard.atom", { schema: { hide: true } }, async (req, reply) => {
    const { topics } = await listOf(req);
    const url = `${deps.publicUrl.replace(/\/+$/, "")}${req.basePath}/webboard`;
    const title = `${t(req.lang, "webboard.title")} — ${req.lang === "th" ? req.agency.nameTh : req.agency.nameEn}`;
    return reply
      .type("application/atom+xml; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(webboardAtom({ title, url, updated: deps.clock.now().toISOString(), topics }));
  });

  app.get<{ Params: { id: string } }>(
    "/webboard/topics/:id",
    { schema: { hide: true } },
    async (req, reply) => {
      const json = req.params.id.endsWith(".json");
      const id = topicIdOf(json ? req.params.id.slice(0, -5) : req.params.id);
      const read = await readTopic(db, req.agency.id, id);
      if (json) return reply.header("cache-control", "no-cache").send(read);
      const reader = req.citizen
        ? { signedIn: true as const, csrf: req.citizen.csrfToken }
        : { signedIn: false as const };
      const query = (req.query ?? {}) as Record<string, unknown>;
      const notice = query.done === "reported" ? t(req.lang, "webboard.reported") : undefined;
      const body = topicView({ lang: req.lang, base: req.basePath, ...read, reader, notice });
      return sendPage(req, reply, {
        title: read.topic.title ?? t(req.lang, "webboard.hiddenTopicTitle"),
        body,
      });
    },
  );
}
