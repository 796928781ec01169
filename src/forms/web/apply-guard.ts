import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.js";

/**
 * The defence of every POST under /apply. A draft's link is its key (a capability URL), not a session:
 * like the public request form, nothing here rests on a cookie. Each form carries a token bound to the
 * draft (an HMAC of its id under the install's secret), so a POST must come from a page of that draft;
 * and a browser that says the request is cross-site (Sec-Fetch-Site) is refused outright.
 */
export const draftCsrfToken = (secret: string, draftId: string): string =>
  crypto.createHmac("sha256", secret).update(`apply-form:${draftId}`).digest("base64url");

export function checkDraftCsrf(secret: string, draftId: string, posted: unknown) {
  const expected = Buffer.from(draftCsrfToken(secret, draftId));
  const given = typeof posted === "string" ? Buffer.from(posted) : Buffer.alloc(0);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    throw new AppError("CSRF_FAILED");
}

/** Refuses a POST a browser marks as coming from another site (older browsers send no such header). */
export function refuseCrossSite(req: FastifyRequest) {
  if (req.headers["sec-fetch-site"] === "cross-site") throw new AppError("CSRF_FAILED");
}

/** A redirect between the steps: never cached, like the pages (they carry personal data). */
export const seeOther = (reply: FastifyReply, url: string) =>
  reply.header("cache-control", "no-store").redirect(url, 303);
