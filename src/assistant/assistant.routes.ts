import type { FastifyInstance } from "fastify";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { answerQuestion } from "./answer-question.js";
import { handOverHref, MAX_QUESTION } from "./hand-over.js";
import { assistantView } from "./views/assistant.view.js";

/** The question of `?q=`: absent is none; an array, an object or over 500 characters is refused. */
function questionOf(query: unknown): string {
  const q = (query as Record<string, unknown> | undefined)?.q;
  if (q === undefined) return "";
  if (typeof q !== "string") throw new AppError("ASSISTANT_QUESTION_INVALID");
  if (q.length > MAX_QUESTION) throw new AppError("ASSISTANT_QUESTION_TOO_LONG", { max: MAX_QUESTION });
  return q.trim();
}

/**
 * IF-4: the public assistant `/assistant?q=` (a GET form, so it works without JavaScript) and its JSON
 * twin `/assistant.json?q=`. Answers from the agency's published material with its sources linked;
 * when it does not know, says so and hands over to an officer through the general request form with
 * the question filled in, so the question is registered like any other (s.10, RG-1). Reads only: no
 * row is written and the question is not logged (it may hold personal data).
 */
export async function assistantRoutes(app: FastifyInstance, deps: { db: Db }) {
  // A link to the assistant on every public page, the FAQ and the home page among them.
  app.addHook("onRequest", async (req) => {
    if (!req.lang || req.basePath === undefined || !req.footerLinks) return;
    req.footerLinks = [
      ...req.footerLinks,
      { href: `${req.basePath}/assistant`, label: t(req.lang, "assistant.footer") },
    ];
  });

  app.get("/assistant", { schema: { hide: true } }, async (req, reply) => {
    const question = questionOf(req.query);
    const answer = question
      ? await answerQuestion(deps.db, { agencyId: req.agency.id, question, lang: req.lang })
      : undefined;
    const body = assistantView({ lang: req.lang, base: req.basePath, question, answer });
    return sendPage(req, reply, { title: t(req.lang, "assistant.title"), body });
  });

  app.get("/assistant.json", { schema: { hide: true } }, async (req, reply) => {
    const question = questionOf(req.query);
    if (!question) throw new AppError("ASSISTANT_QUESTION_INVALID");
    const answer = await answerQuestion(deps.db, { agencyId: req.agency.id, question, lang: req.lang });
    const base = req.basePath;
    return reply.header("cache-control", "no-store").send({
      ...answer,
      sources: answer.sources.map((s) => ({ ...s, url: `${base}${s.url}` })),
      handOver: answer.kind === "unknown" ? handOverHref(base, question) : null,
    });
  });
}
