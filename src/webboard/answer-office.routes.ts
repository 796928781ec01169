import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { CASEWORK_ROLES, staffGuard } from "../staff/index.js";
import {
  type AnswerRoutesDeps,
  answerActorOf,
  citationOf,
  idOf,
  topicUrlOf,
  unitChoices,
} from "./answer-routes-support.js";
import { answerUnits } from "./answer-statuses.js";
import { findAnswerTopic, listTopicsAwaitingAnswer, listVisibleTopicPosts } from "./answer-topic.repo.js";
import { listAnswersByStatus } from "./answers.repo.js";
import { decideAnswer } from "./decide-answer.js";
import { draftAnswer } from "./draft-answer.js";
import { answerFormView } from "./views/answer-form.view.js";
import { answerQueueView } from "./views/answer-queue.view.js";

type TopicRequest = FastifyRequest<{ Params: { id: string } }>;
const QUEUES = ["draft", "submitted", "returned", "published"] as const;

/**
 * #16 answers (WB-3): the officers' queues at `/office/webboard/answers` (topics awaiting an answer, of
 * every unit; answers by status, of the officer's units) and the drafting form at
 * `/office/webboard/topics/:id/answer` (the topic's visible posts; saving a draft, or saving and
 * submitting it for approval).
 */
export async function answerOfficeRoutes(app: FastifyInstance, deps: AnswerRoutesDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(CASEWORK_ROLES);

  app.get("/office/webboard/answers", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const units = answerUnits(req.staffSession!.staff);
    const awaiting = await listTopicsAwaitingAnswer(handle.db, req.agency.id);
    const queues = [];
    for (const key of QUEUES)
      queues.push({ key, answers: await listAnswersByStatus(handle.db, req.agency.id, key, units) });
    const body = answerQueueView(req, { awaiting, queues });
    return sendOfficePage(req, reply, t(req.lang, "answers.queue.title"), body);
  });

  app.get(
    "/office/webboard/topics/:id/answer",
    { schema: { hide: true }, preHandler: guard },
    async (req: TopicRequest, reply) => {
      const topic = await findAnswerTopic(
        handle.db,
        req.agency.id,
        idOf(req.params.id, "ANSWER_TOPIC_NOT_FOUND"),
      );
      if (!topic || topic.status === "hidden") throw new AppError("ANSWER_TOPIC_NOT_FOUND");
      const posts = await listVisibleTopicPosts(handle.db, topic.id);
      const body = answerFormView(req, { topic, posts, ...(await unitChoices(deps, req)) });
      return sendOfficePage(req, reply, t(req.lang, "answers.form.title", { title: topic.title }), body);
    },
  );

  app.post(
    "/office/webboard/topics/:id/answer",
    { schema: { hide: true }, preHandler: guard },
    async (req: TopicRequest, reply) => {
      const topicId = idOf(req.params.id, "ANSWER_TOPIC_NOT_FOUND");
      const form = asForm(req.body);
      const submit = formString(form.submit, "submit", 1) === "1";
      const common = { agencyId: req.agency.id, actor: answerActorOf(req), ip: req.ip };
      const answer = await draftAnswer(deps, { ...common, topicId, ...citationOf(form) });
      if (submit)
        await decideAnswer(deps, {
          ...common,
          answerId: answer.id,
          action: "submit",
          topicUrl: topicUrlOf(deps, req),
        });
      return reply.redirect(`${req.basePath}/office/webboard/answers/${answer.id}`, 303);
    },
  );
}
