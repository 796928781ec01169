import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { boundFormToken, sameSecret } from "../platform/form-token.js";
import { type Html, html } from "../platform/html.js";
import { asForm } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { findTrackedEntry } from "../register/index.js";
import { findBookedVideoAppointment } from "./video-calls.repo.js";
import type { VideoAppointmentRow } from "./video-calls.table.js";
import { consentToVideoCall } from "./video-consent.js";

type TrackedRequest = FastifyRequest<{
  Params: { beYear: string; sequence: string };
  Querystring: { t?: unknown };
}>;

/** The consent form has no session: a token bound to the call (an HMAC under the install's secret). */
const consentCsrf = (secret: string, callId: string) => boundFormToken(secret, "video-consent", callId);

/**
 * ID-3, PD-7 on the applicant's side (the notification links here): `GET /requests/:beYear/:sequence/
 * identity/call?t=` shows the booked call and asks the applicant's explicit consent to a still being
 * captured; only after `POST …/identity/call/consent` does it show the call's link. A wrong number or
 * token is a 404.
 */
export async function videoApplicantRoutes(
  app: FastifyInstance,
  deps: { handle: DatabaseHandle; clock: Clock; secret: string },
) {
  async function tracked(req: TrackedRequest) {
    const { beYear, sequence } = req.params;
    const token = typeof req.query.t === "string" ? req.query.t : "";
    const entry = await findTrackedEntry(deps.handle.db, deps.secret, req.agency.id, req.params, token);
    const call = await findBookedVideoAppointment(deps.handle.db, entry.matterId);
    const page = `${req.basePath}/requests/${beYear}/${sequence}/identity/call?t=${encodeURIComponent(token)}`;
    return { entry, call, page, token };
  }

  async function show(req: TrackedRequest, reply: FastifyReply) {
    const { entry, call, page } = await tracked(req);
    const tracking = page.replace("/identity/call?", "?");
    return sendPage(req, reply, {
      title: t(req.lang, "video.applicant.title", { receiptNumber: entry.receiptNumber }),
      body: html`${call ? callView(req, call, page, consentCsrf(deps.secret, call.id)) : html`<p data-call="none">${t(req.lang, "video.applicant.none")}</p>`}
<p><a href="${tracking}">${t(req.lang, "video.applicant.back")}</a></p>`,
    });
  }

  app.get("/requests/:beYear/:sequence/identity/call", { schema: { hide: true } }, show);

  app.post(
    "/requests/:beYear/:sequence/identity/call/consent",
    { schema: { hide: true } },
    async (req: TrackedRequest, reply) => {
      if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
      const { entry, call, page } = await tracked(req);
      if (!call) throw new AppError("VIDEO_CALL_NOT_FOUND");
      const form = asForm(req.body);
      if (!sameSecret(form._csrf, consentCsrf(deps.secret, call.id))) throw new AppError("CSRF_FAILED");
      if (form.consent !== "yes")
        throw new AppError("VALIDATION_FAILED", { detail: "consent" }, { field: "consent" });
      await consentToVideoCall(
        deps.handle,
        { agencyId: req.agency.id, matterId: entry.matterId, appointmentId: call.id },
        { at: deps.clock.now(), ip: req.ip },
      );
      return reply.redirect(page, 303);
    },
  );
}

function callView(req: FastifyRequest, call: VideoAppointmentRow, page: string, csrf: string): Html {
  const l = req.lang;
  const when = formatDateTime(l, new Date(call.starts_at), req.agency.timeZone);
  const head = html`<p data-call="${call.id}">${t(l, "video.applicant.when", { at: when, minutes: String(call.duration_min) })}</p>`;
  if (call.consent_at)
    return html`${head}<p>${t(l, "video.applicant.join")}</p><p><a class="button" href="${call.link}" rel="noopener" data-link="call">${call.link}</a></p>`;
  // PD-7: the still is biometric data: asked for explicitly, before the link, with what it is for.
  return html`${head}<h2>${t(l, "video.applicant.consentTitle")}</h2><p>${t(l, "video.applicant.consentText")}</p>
<form method="post" action="${page.replace("/identity/call?", "/identity/call/consent?")}"><input type="hidden" name="_csrf" value="${csrf}">
<label><input type="checkbox" name="consent" value="yes" required> ${t(l, "video.applicant.consent")}</label>
<button type="submit">${t(l, "video.applicant.agree")}</button></form>
<p class="hint">${t(l, "video.applicant.noConsent")}</p>`;
}
