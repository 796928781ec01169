import crypto from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.js";
import { asForm, formString } from "../../platform/http/form-fields.js";
import { sendPage } from "../../platform/http/layout.js";
import { t } from "../../platform/i18n/index.js";
import { findEntryByNumber, isValidTrackingToken, recordAction } from "../../register/index.js";
import type { WebIntakeDeps } from "./submit-web-request.js";
import { isMattersApplicant } from "./tracking-timeline.js";
import { withdrawConfirmView } from "./views/timeline.view.js";
import { ReceiptParams, TrackingQuery } from "./web.schemas.js";

/**
 * The tracking page's forms have no session: the link is the key (a capability URL). Each form carries
 * a token bound to the entry (an HMAC of its id under the install's secret), so a POST must come from
 * the entry's own page; a browser that says the request is cross-site is refused outright.
 */
export const trackingCsrfToken = (secret: string, entryId: string): string =>
  crypto.createHmac("sha256", secret).update(`tracking-form:${entryId}`).digest("base64url");

function checkTrackingCsrf(req: FastifyRequest, secret: string, entryId: string, posted: unknown) {
  if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
  const expected = Buffer.from(trackingCsrfToken(secret, entryId));
  const given = typeof posted === "string" ? Buffer.from(posted) : Buffer.alloc(0);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    throw new AppError("CSRF_FAILED");
}

type WithdrawRequest = {
  Params: { beYear: number; sequence: number };
  Querystring: { t: string };
};

/**
 * TR-1: the applicant withdraws their request from the tracking page, after a confirm step. Recorded as
 * `withdraw` by `applicant:tracking-page` at the version the page showed: a second click or a stale page
 * is MATTER_CHANGED (409); a status that allows no withdrawal, ACTION_NOT_ALLOWED (409); a wrong token,
 * ENTRY_NOT_FOUND (404).
 */
export async function withdrawRoutes(app: FastifyInstance, opts: { deps: WebIntakeDeps }) {
  const { deps } = opts;
  app.post<WithdrawRequest>(
    "/requests/:beYear/:sequence/withdraw",
    { schema: { hide: true, params: ReceiptParams, querystring: TrackingQuery } },
    async (req, reply) => {
      const { beYear, sequence } = req.params;
      const entry = await findEntryByNumber(deps.handle.db, req.agency.id, beYear, sequence);
      if (!entry || !isValidTrackingToken(deps.secret, entry.id, req.query.t))
        throw new AppError("ENTRY_NOT_FOUND");
      const body = asForm(req.body);
      checkTrackingCsrf(req, deps.secret, entry.id, body._csrf);
      const versionText = formString(body.version, "version", 12);
      if (!/^\d{1,9}$/.test(versionText))
        throw new AppError("VALIDATION_FAILED", { detail: "version" }, { field: "version" });
      const version = Number(versionText);
      const base = `${req.basePath}/requests/${beYear}/${sequence}`;
      const q = `?t=${encodeURIComponent(req.query.t)}`;
      if (formString(body.confirm, "confirm", 10) !== "yes") {
        const page = withdrawConfirmView(req.lang, {
          receiptNumber: entry.receiptNumber,
          action: `${base}/withdraw${q}`,
          back: `${base}${q}`,
          csrf: trackingCsrfToken(deps.secret, entry.id),
          version,
        });
        return sendPage(req, reply.header("cache-control", "no-store"), {
          title: t(req.lang, "tracking.withdraw"),
          body: page,
        });
      }
      // Only the matter's applicant withdraws it, not the sender of an entry joined to it.
      if (!(await isMattersApplicant(deps.handle.db, req.agency.id, entry)))
        throw new AppError("ACTION_NOT_ALLOWED", { action: "withdraw", status: "-" });
      await recordAction(deps.handle, {
        agencyId: req.agency.id,
        subject: { matterId: entry.matterId },
        action: "withdraw",
        payload: { entryId: entry.id },
        actor: { kind: "applicant", via: "tracking-page" },
        at: deps.clock.now(),
        ip: req.ip,
        expectedVersion: version,
      });
      return reply.header("cache-control", "no-store").redirect(`${base}${q}`, 303);
    },
  );
}
