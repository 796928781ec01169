import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { boundFormToken, sameSecret } from "../platform/form-token.js";
import { type Html, html } from "../platform/html.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import { parseRating } from "./rating-comment.js";
import { type RatingDeps, ratedMatter, recordRating } from "./record-rating.js";
import { rateDoneView, rateFormView } from "./views/rate.view.js";

type RateRequest = FastifyRequest<{ Params: { token: string }; Querystring: { done?: unknown } }>;

/** The form has no session: its CSRF token is bound to the rating link (an HMAC under the install's secret). */
const rateCsrf = (secret: string, token: string) => boundFormToken(secret, "satisfaction-rate", token);

/**
 * TR-3: `GET /rate/:token` (the link in the closing message) shows the rating form, or "already rated";
 * `POST /rate/:token` records the rating (channel `web`) and redirects to the thanks page. A forged or
 * tampered link is 403, an expired one 410, a matter not closed or already rated 409, each with its
 * reason in the user's language. A rating or comment that cannot be taken shows the form again, 400.
 */
export async function rateRoutes(app: FastifyInstance, deps: RatingDeps) {
  const params = {
    type: "object",
    properties: { token: { type: "string", maxLength: 100 } },
    required: ["token"],
  } as const;
  const page = (req: RateRequest) => `${req.basePath}/rate/${encodeURIComponent(req.params.token)}`;
  const send = (
    req: RateRequest,
    reply: FastifyReply,
    body: Html,
    heading: MessageKey = "satisfaction.title",
  ) =>
    sendPage(req, reply.header("referrer-policy", "no-referrer"), {
      title: t(req.lang, heading),
      body: html`<h1>${t(req.lang, heading)}</h1>${body}`,
    });

  app.get("/rate/:token", { schema: { hide: true, params } }, async (req: RateRequest, reply) => {
    const { matter, given } = await ratedMatter(deps, req.agency.id, req.params.token);
    if (given)
      return send(
        req,
        reply,
        rateDoneView(req.lang, matter.receiptNumber, req.query.done === "1"),
        "satisfaction.thanks",
      );
    return send(
      req,
      reply,
      rateFormView(req.lang, {
        receiptNumber: matter.receiptNumber,
        action: page(req),
        csrf: rateCsrf(deps.secret, req.params.token),
      }),
    );
  });

  app.post("/rate/:token", { schema: { hide: true, params } }, async (req: RateRequest, reply) => {
    if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
    const { token } = req.params;
    const form = asForm(req.body);
    if (!sameSecret(form._csrf, rateCsrf(deps.secret, token))) throw new AppError("CSRF_FAILED");
    // Not checkText: control and invisible characters are cleaned from a comment, not refused (TR-3).
    if (Array.isArray(form.comment) || (form.comment != null && typeof form.comment !== "string"))
      throw new AppError("FIELD_NOT_TEXT", { field: "comment" }, { field: "comment" });
    const comment = typeof form.comment === "string" ? form.comment : "";
    try {
      await recordRating(deps, {
        agencyId: req.agency.id,
        token,
        rating: form.rating,
        comment,
        channel: "web",
        ip: req.ip,
      });
    } catch (error) {
      // Bad input on a good link: the form again with the reason and what was written, never lost.
      if (!(error instanceof AppError) || !["RATING_INVALID", "RATING_COMMENT_TOO_LONG"].includes(error.code))
        throw error;
      const { matter } = await ratedMatter(deps, req.agency.id, token);
      return send(
        req,
        reply.code(400),
        rateFormView(req.lang, {
          receiptNumber: matter.receiptNumber,
          action: page(req),
          csrf: rateCsrf(deps.secret, token),
          rating: parseRating(form.rating),
          comment,
          error: errorText(req.lang, error),
        }),
      );
    }
    return reply.redirect(`${page(req)}?done=1`, 303);
  });
}
