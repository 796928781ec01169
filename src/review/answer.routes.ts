import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findServiceVersion } from "../catalog/index.js";
import { findLetter } from "../correspondence/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import type { WebIntakeDeps } from "../intake/web/index.js";
import { AppError } from "../platform/errors.js";
import { boundFormToken, sameSecret } from "../platform/form-token.js";
import { errorText, shownLimits } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import { t } from "../platform/i18n/index.js";
import { findMatter, findTrackedEntry, trackingToken } from "../register/index.js";
import { answerView } from "./answer.view.js";
import { acknowledgeDeficiency, answerDeficiency } from "./answer-deficiency.js";
import { findLatestDeficiencyRecord } from "./deficiency-records.repo.js";

type TrackedRequest = FastifyRequest<{
  Params: { beYear: string; sequence: string };
  Querystring: { t?: unknown };
}>;

/**
 * The defence of the public answer forms, which have no session: a token bound to the record (an HMAC
 * under the install's secret) that only its page carries, and browsers' cross-site marker refused.
 */
const answerCsrf = (secret: string, recordId: string) =>
  boundFormToken(secret, "deficiency-answer", recordId);

/**
 * RV-2 on the applicant's side (the tracking page links here): `GET /requests/:beYear/:sequence/deficiency?t=`
 * shows the record; `POST …/acknowledge` records the applicant's acknowledgement; `POST …/answer` (text and
 * files, multipart) registers the answer as a new entry on the matter and resubmits it.
 */
export async function deficiencyAnswerRoutes(
  app: FastifyInstance,
  { deps, limits }: { deps: WebIntakeDeps; limits: MultipartLimits },
) {
  const shown = shownLimits(limits);

  /** The tracked entry and its matter's latest record; a wrong number or token is a 404 either way. */
  async function tracked(req: TrackedRequest) {
    const { beYear, sequence } = req.params;
    const token = typeof req.query.t === "string" ? req.query.t : "";
    const entry = await findTrackedEntry(deps.handle.db, deps.secret, req.agency.id, req.params, token);
    const record = await findLatestDeficiencyRecord(deps.handle.db, entry.matterId);
    if (!record) throw new AppError("DEFICIENCY_NOT_FOUND");
    const base = `${req.basePath}/requests/${beYear}/${sequence}`;
    return { entry, record, token, base };
  }

  async function show(req: TrackedRequest, reply: FastifyReply, error?: AppError) {
    const { entry, record, token, base } = await tracked(req);
    const db = deps.handle.db;
    const matter = await findMatter(db, req.agency.id, entry.matterId);
    const application = await findApplicationOfMatter(db, entry.matterId);
    const version = application && (await findServiceVersion(db, application.service_version_id));
    const letter = await findLetter(db, req.agency.id, record.letterId);
    const q = `?t=${encodeURIComponent(token)}`;
    const awaited =
      matter?.status === "more_info_requested" &&
      !record.fulfilledAt &&
      !record.lapsedAt &&
      deps.clock.now().getTime() <= record.deadline.getTime();
    if (error) reply.code(error.status);
    return sendPage(req, reply, {
      title: t(req.lang, "deficiency.answer.title", {
        receiptNumber: matter?.receiptNumber ?? entry.receiptNumber,
      }),
      body: answerView({
        lang: req.lang,
        timeZone: req.agency.timeZone,
        receiptNumber: entry.receiptNumber,
        record,
        checklist: version?.definition.documents ?? [],
        letter: letter && { number: letter.number, href: `${base}/letters/${letter.id}.pdf${q}` },
        trackingHref: `${base}${q}`,
        actions: {
          acknowledge: `${base}/deficiency/acknowledge${q}`,
          answer: `${base}/deficiency/answer${q}`,
        },
        csrf: answerCsrf(deps.secret, record.id),
        awaited,
        limits: shown,
        error: error && errorText(req.lang, error),
      }),
    });
  }

  const refuseCrossSite = (req: FastifyRequest) => {
    if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
  };
  // A refusal the applicant can act on is shown on the page itself; others are the error page.
  const showOr = async (req: TrackedRequest, reply: FastifyReply, work: () => Promise<string>) => {
    try {
      return reply.redirect(await work(), 303);
    } catch (error) {
      if (
        !(error instanceof AppError) ||
        error.status >= 500 ||
        error.status === 404 ||
        error.code === "CSRF_FAILED"
      )
        throw error;
      return show(req, reply, error);
    }
  };

  app.get(
    "/requests/:beYear/:sequence/deficiency",
    { schema: { hide: true } },
    (req: TrackedRequest, reply) => show(req, reply),
  );

  app.post(
    "/requests/:beYear/:sequence/deficiency/acknowledge",
    { schema: { hide: true } },
    async (req: TrackedRequest, reply) => {
      refuseCrossSite(req);
      const { entry, record, base, token } = await tracked(req);
      if (!sameSecret(asForm(req.body)._csrf, answerCsrf(deps.secret, record.id)))
        throw new AppError("CSRF_FAILED");
      return showOr(req, reply, async () => {
        await acknowledgeDeficiency(deps, req.agency.id, entry.matterId, { ip: req.ip });
        return `${base}/deficiency?t=${encodeURIComponent(token)}`;
      });
    },
  );

  app.post(
    "/requests/:beYear/:sequence/deficiency/answer",
    { schema: { hide: true } },
    async (req: TrackedRequest, reply) => {
      refuseCrossSite(req);
      const { entry, record } = await tracked(req);
      const expected = answerCsrf(deps.secret, record.id);
      let fields: Record<string, unknown>;
      let files: Awaited<ReturnType<typeof readMultipart>>["files"] = [];
      if (req.isMultipart()) {
        // The token must be the first part: nothing of the body is read before it is checked.
        req.pendingCsrfToken = expected;
        ({ fields, files } = await readMultipart(req, limits));
      } else {
        fields = asForm(req.body);
        if (!sameSecret(fields._csrf, expected)) throw new AppError("CSRF_FAILED");
      }
      return showOr(req, reply, async () => {
        const text = formString(fields.text, "text", 20_000);
        const answer = await answerDeficiency(
          deps,
          req.agency,
          entry.matterId,
          { text, files },
          { ip: req.ip },
        );
        // Post/Redirect/Get to the answer's own receipt (its number and tracking link).
        const to = `${req.basePath}/requests/${answer.beYear}/${answer.sequence}`;
        return `${to}?t=${trackingToken(deps.secret, answer.id)}&new=1`;
      });
    },
  );
}
