import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { errorField, errorText } from "../platform/http/form-errors.js";
import { asForm, formOptional, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { type Lang, t } from "../platform/i18n/index.js";
import {
  LICENCE_REQUEST_LABELS,
  type LicenceRequestValues,
  licenceRequestFormView,
} from "./licence-request-form.view.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { licenceRequestToken, submitLicenceDataRequest } from "./submit-licence-data-request.js";

/**
 * LC-4: the public request for a licence's data, `{prefix}/licences/request`. No session, hence no CSRF
 * cookie: the form carries its own token bound to the agency (also the request's idempotency key), and a
 * browser that says the POST is cross-site is refused. The confirmation is the web intake's receipt page.
 */
export async function licenceDataRequestRoutes(app: FastifyInstance, deps: LicensingDeps) {
  const intake = { ...deps, maxFileBytes: deps.limits.maxFileBytes };

  const showForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: LicenceRequestValues,
    error?: AppError,
  ) =>
    sendPage(req, reply, {
      title: t(req.lang, "licenceRequest.title"),
      body: licenceRequestFormView({
        lang: req.lang,
        agency: req.agency,
        action: `${req.basePath}/licences/request`,
        registerUrl: `${req.basePath}/licences`,
        formToken: licenceRequestToken(deps.secret, req.agency.id),
        values,
        error: error && {
          code: error.code,
          message: errorText(req.lang, error, LICENCE_REQUEST_LABELS),
          field: errorField(error),
        },
      }),
    });

  app.get("/licences/request", { schema: { hide: true } }, (req, reply) => showForm(req, reply, {}));

  app.post("/licences/request", { schema: { hide: true } }, async (req, reply) => {
    const fields = asForm(req.body);
    const lang: Lang = fields.lang === "en" ? "en" : fields.lang === "th" ? "th" : req.lang;
    req.lang = lang;
    const shown = (v: unknown) => (typeof v === "string" ? v.slice(0, 5000) : undefined);
    const values: LicenceRequestValues = {
      name: shown(fields.name),
      email: shown(fields.email),
      phone: shown(fields.phone),
      licence: shown(fields.licence),
      need: shown(fields.need),
      confirmed: fields.confirmed === "yes",
    };
    try {
      if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
      const result = await submitLicenceDataRequest(
        intake,
        req.agency,
        {
          name: formString(fields.name, "name", 200),
          email: formOptional(fields.email, "email", 254),
          phone: formOptional(fields.phone, "phone", 20),
          licence: formString(fields.licence, "licence", 300),
          need: formString(fields.need, "need", 5000),
          confirmed: formString(fields.confirmed, "confirmed", 10) === "yes",
          language: lang,
        },
        { formToken: formString(fields.form_token, "form_token", 200), ip: req.ip },
      );
      // Post/Redirect/Get to the receipt page, which shows the receipt number and tracks the request.
      const { entry, trackingToken } = result;
      return reply.redirect(
        `${req.basePath}/requests/${entry.beYear}/${entry.sequence}?t=${trackingToken}&new=1&lang=${lang}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return showForm(req, reply.code(error.status), values, error);
    }
  });
}
