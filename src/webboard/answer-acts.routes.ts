import type { FastifyInstance, FastifyRequest } from "fastify";
import { findUnit } from "../agencies/index.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { CASEWORK_ROLES, findStaffName, requireRecentAuth, staffGuard } from "../staff/index.js";
import { allowedActions, auditActor } from "../workflow/index.js";
import {
  type AnswerRoutesDeps,
  answerActorOf,
  citationOf,
  expectedOf,
  idOf,
  topicUrlOf,
  unitChoices,
} from "./answer-routes-support.js";
import { ANSWER_STATUSES, answerInScope, DECISIONS } from "./answer-statuses.js";
import { findAnswerTopic, listVisibleTopicPosts } from "./answer-topic.repo.js";
import { findAnswer, listAnswerEvents } from "./answers.repo.js";
import { decideAnswer } from "./decide-answer.js";
import { editAnswer } from "./draft-answer.js";
import { answeredNoticeState } from "./notify-answer.js";
import { promoteAnswer } from "./promote-answer.js";
import { answerPageView } from "./views/answer-page.view.js";

type AnswerRequest = FastifyRequest<{ Params: { id: string } }>;
const WRITING = new Set(["draft", "edit", "submit"]);

/**
 * #16 answers (WB-3, WB-4): the answer page `/office/webboard/answers/:id` (text, citation, status,
 * the asker's notice, the FAQ link, the acts allowed, the history) and its acts: `edit` and `submit` by
 * the officers who draft; `approve`, `return`, `withdraw`, `promote` by approvers, after a fresh step-up
 * (WS-3), never by one who wrote the answer. Another unit's answer is not found.
 */
export async function answerActsRoutes(app: FastifyInstance, deps: AnswerRoutesDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(CASEWORK_ROLES);
  const pageOf = (req: AnswerRequest) =>
    `${req.basePath}/office/webboard/answers/${encodeURIComponent(req.params.id)}`;
  const scoped = async (req: AnswerRequest) => {
    const answer = await findAnswer(handle.db, req.agency.id, idOf(req.params.id, "ANSWER_NOT_FOUND"));
    if (!answer || !answerInScope(req.staffSession!.staff, answer)) throw new AppError("ANSWER_NOT_FOUND");
    return answer;
  };

  app.get(
    "/office/webboard/answers/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req: AnswerRequest, reply) => {
      const answer = await scoped(req);
      const topic = await findAnswerTopic(handle.db, req.agency.id, answer.topicId);
      if (!topic) throw new AppError("ANSWER_NOT_FOUND");
      const actor = answerActorOf(req);
      const names = new Map<string, string>();
      const events = [];
      for (const e of await listAnswerEvents(handle.db, req.agency.id, answer.id)) {
        if (!names.has(e.actor))
          names.set(
            e.actor,
            (e.actor.startsWith("staff:") && (await findStaffName(handle.db, e.actor.slice(6)))) || e.actor,
          );
        events.push({ ...e, actorName: names.get(e.actor)! });
      }
      const me = auditActor(actor);
      const ownAnswer =
        answer.draftedBy === actor.staffId || events.some((e) => e.actor === me && WRITING.has(e.action));
      const actions = allowedActions(ANSWER_STATUSES, answer.status, actor.roles).filter(
        (a) => !(ownAnswer && DECISIONS.includes(a)) && !(a === "promote" && answer.faqEntryId),
      );
      const [question] = await listVisibleTopicPosts(handle.db, topic.id, 1);
      const unit = answer.unitId ? await findUnit(handle.db, req.agency.id, answer.unitId) : undefined;
      const body = answerPageView(req, {
        answer,
        topic,
        question: `${topic.title}${question ? `\n${question.body}` : ""}`.slice(0, 500),
        unitName: unit ? (req.lang === "en" ? unit.name_en : unit.name_th) : null,
        events,
        actions,
        ownAnswer,
        notice: answer.publishedAt ? await answeredNoticeState(handle.db, answer.id) : null,
        ...(await unitChoices(deps, req)),
      });
      return sendOfficePage(req, reply, t(req.lang, "answers.page.title", { title: topic.title }), body);
    },
  );

  const act = (req: AnswerRequest) => ({
    agencyId: req.agency.id,
    answerId: idOf(req.params.id, "ANSWER_NOT_FOUND"),
    actor: answerActorOf(req),
    ip: req.ip,
  });

  app.post(
    "/office/webboard/answers/:id/edit",
    { schema: { hide: true }, preHandler: guard },
    async (req: AnswerRequest, reply) => {
      const form = asForm(req.body);
      await scoped(req);
      const submit = formString(form.submit, "submit", 1) === "1";
      await editAnswer(deps, {
        ...act(req),
        ...citationOf(form),
        expectedUpdatedAt: expectedOf(form),
        submit,
      });
      return reply.redirect(pageOf(req), 303);
    },
  );

  app.post(
    "/office/webboard/answers/:id/submit",
    { schema: { hide: true }, preHandler: guard },
    async (req: AnswerRequest, reply) => {
      const form = asForm(req.body);
      await scoped(req);
      await decideAnswer(deps, {
        ...act(req),
        action: "submit",
        expectedUpdatedAt: expectedOf(form),
        topicUrl: topicUrlOf(deps, req),
      });
      return reply.redirect(pageOf(req), 303);
    },
  );

  const stepped = {
    schema: { hide: true },
    preHandler: [guard, requireRecentAuth(clock, (r) => pageOf(r as AnswerRequest))],
  };
  for (const action of ["approve", "return", "withdraw"] as const)
    app.post(`/office/webboard/answers/:id/${action}`, stepped, async (req: AnswerRequest, reply) => {
      const form = asForm(req.body);
      await scoped(req);
      const reason = formString(form.reason, "reason", 2000);
      await decideAnswer(deps, {
        ...act(req),
        action,
        reason,
        expectedUpdatedAt: expectedOf(form),
        topicUrl: topicUrlOf(deps, req),
      });
      return reply.redirect(pageOf(req), 303);
    });

  app.post("/office/webboard/answers/:id/promote", stepped, async (req: AnswerRequest, reply) => {
    const form = asForm(req.body);
    await scoped(req);
    const question = formString(form.question, "question", 2000);
    await promoteAnswer(deps, { ...act(req), question, expectedUpdatedAt: expectedOf(form) });
    return reply.redirect(pageOf(req), 303);
  });
}
