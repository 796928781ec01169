import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CitizenSession } from "../identity/index.js";
import { hasVerifiedContact } from "../identity/index.js";
import { AppError } from "../platform/errors.js";
import { sameSecret } from "../platform/form-token.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import type { Lang } from "../platform/i18n/index.js";
import { t } from "../platform/i18n/index.js";
import { addressKey } from "./post-limits.js";
import { openWebboardTopic, type Poster, replyToWebboardTopic } from "./post-to-webboard.js";
import { topicView } from "./views/topic.view.js";
import { newTopicView, signInToPostView } from "./views/webboard.view.js";
import { topicIdOf, type WebboardDeps } from "./webboard.routes.js";
import { readTopic, webboardServices } from "./webboard-reads.js";
import { reportWebboardItem } from "./webboard-reports.js";

const LABELS = { title: "webboard.topicTitle", body: "webboard.question" } as const;

/** The signed-in citizen of a form post, its CSRF token checked; otherwise 401 / 403. */
function citizenOfPost(req: FastifyRequest, form: Form): CitizenSession {
  if (!req.citizen) throw new AppError("UNAUTHENTICATED");
  if (!sameSecret(formString(form._csrf, "_csrf", 200), req.citizen.csrfToken))
    throw new AppError("CSRF_FAILED");
  return req.citizen;
}

/** A refusal the form shows above what was typed: in the user's language, with its 4xx status. */
function refusal(lang: Lang, error: unknown, reply: FastifyReply) {
  if (!(error instanceof AppError) || error.status >= 500 || error.code === "CSRF_FAILED") throw error;
  void reply.code(error.status);
  if (error.code === "WEBBOARD_TOO_MANY_POSTS")
    void reply.header("retry-after", Number(error.params.minutes) * 60);
  return { message: errorText(lang, error, LABELS), code: error.code };
}

/**
 * #16 webboard (WB-2, bad input): posting by a signed-in citizen with a verified contact: a new topic,
 * a reply, a report of a topic or a post. Not signed in: a page on how to sign in, returning here.
 * A refused post shows the reason and keeps what was typed; nothing of it is written.
 */
export async function webboardPostingRoutes(app: FastifyInstance, deps: WebboardDeps) {
  const db = deps.handle.db;
  const posterOf = (req: FastifyRequest, session: CitizenSession): Poster => ({
    agencyId: req.agency.id,
    accountId: session.accountId,
    addressKey: addressKey(deps.secret, req.ip),
  });

  app.get("/webboard/new", { schema: { hide: true } }, async (req, reply) => {
    const title = t(req.lang, "webboard.newTopic");
    const session = req.citizen;
    if (!session || !(await hasVerifiedContact(db, req.agency.id, session.accountId))) {
      const body = signInToPostView(
        req.lang,
        req.basePath,
        `${req.basePath}/webboard/new`,
        session !== undefined,
      );
      return sendPage(req, reply.code(session ? 403 : 200), { title, body });
    }
    const services = await webboardServices(db, req.agency.id);
    // #16 faqbench: "ask a question" on a service page arrives with that service chosen (unknown: none)
    const asked = (req.query as { service?: unknown }).service;
    const chosen = services.find((s) => s.code === asked)?.code ?? "";
    const values = { title: "", body: "", service: chosen };
    const body = newTopicView({
      lang: req.lang,
      base: req.basePath,
      csrf: session.csrfToken,
      services,
      values,
    });
    return sendPage(req, reply, { title, body });
  });

  app.post("/webboard/new", { schema: { hide: true } }, async (req, reply) => {
    const form = asForm(req.body);
    const session = citizenOfPost(req, form);
    const values = {
      title: formString(form.title, "title", 5000),
      body: formString(form.body, "body", 50_000),
      service: formString(form.service, "service", 64),
    };
    const services = await webboardServices(db, req.agency.id);
    try {
      const service = values.service ? services.find((s) => s.code === values.service) : undefined;
      if (values.service && !service) throw new AppError("WEBBOARD_SERVICE_UNKNOWN");
      const { topicId } = await openWebboardTopic(deps, posterOf(req, session), {
        title: values.title,
        body: values.body,
        serviceId: service?.id ?? null,
      });
      return reply.redirect(`${req.basePath}/webboard/topics/${topicId}`, 303);
    } catch (error) {
      const shown = refusal(req.lang, error, reply);
      const body = newTopicView({
        lang: req.lang,
        base: req.basePath,
        csrf: session.csrfToken,
        services,
        values,
        error: shown,
      });
      return sendPage(req, reply, { title: t(req.lang, "webboard.newTopic"), body });
    }
  });

  app.post<{ Params: { id: string } }>(
    "/webboard/topics/:id/reply",
    { schema: { hide: true } },
    async (req, reply) => {
      const form = asForm(req.body);
      const session = citizenOfPost(req, form);
      const topicId = topicIdOf(req.params.id);
      const text = formString(form.body, "body", 50_000);
      try {
        await replyToWebboardTopic(deps, posterOf(req, session), { topicId, body: text });
        return reply.redirect(`${req.basePath}/webboard/topics/${topicId}`, 303);
      } catch (error) {
        const shown = refusal(req.lang, error, reply);
        const read = await readTopic(db, req.agency.id, topicId);
        const reader = { signedIn: true as const, csrf: session.csrfToken };
        const body = topicView({
          lang: req.lang,
          base: req.basePath,
          ...read,
          reader,
          values: { body: text },
          error: shown,
        });
        return sendPage(req, reply, { title: read.topic.title ?? t(req.lang, "webboard.title"), body });
      }
    },
  );

  const report = async (
    req: FastifyRequest<{ Params: { id: string; postId?: string } }>,
    reply: FastifyReply,
  ) => {
    const form = asForm(req.body);
    const session = citizenOfPost(req, form);
    const topicId = topicIdOf(req.params.id);
    const postId = req.params.postId === undefined ? null : topicIdOf(req.params.postId);
    await reportWebboardItem(
      deps,
      { agencyId: req.agency.id, accountId: session.accountId },
      { topicId, postId, reason: formString(form.reason, "reason", 2000) },
    );
    return reply.redirect(`${req.basePath}/webboard/topics/${topicId}?done=reported`, 303);
  };
  app.post("/webboard/topics/:id/report", { schema: { hide: true } }, report);
  app.post("/webboard/topics/:id/posts/:postId/report", { schema: { hide: true } }, report);
}
