import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { type Role, staffGuard } from "../staff/index.js";
import { isModerationAction, moderateWebboard } from "./moderate-webboard.js";
import { moderationView, type ReportedItem, topicModerationView } from "./views/moderation.view.js";
import { TOPIC_ID } from "./webboard.query.js";
import { findPost, findTopic, listTopicPosts } from "./webboard.repo.js";
import type { WebboardDeps } from "./webboard.routes.js";
import { listOpenReports, resolveWebboardReport } from "./webboard-reports.js";

/** Who moderates the webboard: the saraban desk, supervisors, the head of agency and admins. */
export const MODERATOR_ROLES: readonly Role[] = ["saraban_officer", "supervisor", "head_of_agency", "admin"];

const idOf = (raw: string) => {
  if (!TOPIC_ID.test(raw)) throw new AppError("NOT_FOUND");
  return raw;
};

/**
 * #16 webboard: `/office/webboard/moderation` lists open reports; `POST …/:action/:id` hides (with a
 * required reason), restores, closes or reopens a topic or a post (`moderateWebboard`), and
 * `POST …/resolve/:id` resolves a report; `…/topics/:id` shows any topic with its posts and their actions. Another agency's item is not found.
 */
export async function webboardModerationRoutes(app: FastifyInstance, deps: WebboardDeps) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(MODERATOR_ROLES);
  const base = (req: FastifyRequest) => `${req.basePath}/office/webboard/moderation`;
  const actorOf = (req: FastifyRequest) => ({ agencyId: req.agency.id, staffId: req.staffSession!.staff.id });

  app.get(
    "/office/webboard/moderation",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) => {
      const items: ReportedItem[] = [];
      for (const report of await listOpenReports(handle.db, req.agency.id)) {
        const post = report.post_id ? await findPost(handle.db, req.agency.id, report.post_id) : undefined;
        const topic = await findTopic(handle.db, req.agency.id, report.topic_id);
        if (post) items.push({ report, item: "post", itemId: post.id, status: post.status, text: post.body });
        else if (topic)
          items.push({ report, item: "topic", itemId: topic.id, status: topic.status, text: topic.title });
      }
      const done =
        (req.query as Record<string, unknown>).done === "1" ? t(req.lang, "webboard.mod.done") : undefined;
      return sendOfficePage(req, reply, t(req.lang, "webboard.mod.title"), moderationView(req, items, done));
    },
  );

  app.get<{ Params: { id: string } }>(
    "/office/webboard/moderation/topics/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) => {
      const topic = await findTopic(handle.db, req.agency.id, idOf(req.params.id));
      if (!topic) throw new AppError("WEBBOARD_TOPIC_NOT_FOUND");
      const posts = await listTopicPosts(handle.db, topic.id);
      return sendOfficePage(req, reply, topic.title, topicModerationView(req, topic, posts));
    },
  );

  app.post<{ Params: { id: string } }>(
    "/office/webboard/moderation/resolve/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) => {
      const outcome = formString(asForm(req.body).outcome, "outcome", 2000);
      await resolveWebboardReport(deps, actorOf(req), { reportId: idOf(req.params.id), outcome });
      return reply.redirect(`${base(req)}?done=1`, 303);
    },
  );

  app.post<{ Params: { action: string; id: string } }>(
    "/office/webboard/moderation/:action/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) => {
      if (!isModerationAction(req.params.action)) throw new AppError("NOT_FOUND");
      const reason = formString(asForm(req.body).reason, "reason", 2000);
      await moderateWebboard(deps, actorOf(req), {
        action: req.params.action,
        id: idOf(req.params.id),
        reason,
      });
      return reply.redirect(`${base(req)}?done=1`, 303);
    },
  );
}
