import type { FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { sameSecret } from "../platform/form-token.js";
import type {} from "../platform/http/multipart.js";
import type { Role } from "./role.js";
import { resolveSession, type StaffSession } from "./sessions.js";

export const SESSION_COOKIE = "borikan_staff";

declare module "fastify" {
  interface FastifyRequest {
    staffSession?: StaffSession;
  }
}

/** Pages an officer may reach before the login is complete (second factor, forced password change). */
type Stage = "totp" | "account";

export interface GuardOptions {
  allowStage?: Stage;
  /**
   * The route reads a multipart body with `readMultipart`, which the guard cannot see: without an
   * `x-csrf-token` header, the token must then be the body's first field, checked before any file is read.
   */
  multipart?: boolean;
}

// Never from the query string: a token in a URL leaks into logs, history and Referer headers.
function submittedCsrf(req: FastifyRequest): string {
  const fromBody = (req.body as { _csrf?: unknown } | undefined)?._csrf;
  const fromHeader = req.headers["x-csrf-token"];
  const value = fromBody ?? fromHeader;
  return typeof value === "string" ? value : "";
}

/**
 * Builds the preHandler that admits an officer of this agency with one of `roles` (any officer when
 * empty): no session → sign-in page (or 401 for non-HTML), wrong role → 403, a state-changing request
 * without the session's CSRF token → 403. Unfinished logins are sent to the second factor, a forced
 * password change, or the TOTP enrolment their role requires.
 */
export function staffGuard(db: Db, clock: Clock) {
  return (roles: readonly Role[] = [], options: GuardOptions = {}) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const base = `${req.basePath}/office`;
      const token = req.cookies[SESSION_COOKIE];
      const session = token ? await resolveSession(db, token, req.agency.id, clock) : undefined;
      const wantsPage = req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
      if (!session) {
        if (wantsPage) return reply.redirect(`${base}/login?next=${encodeURIComponent(req.url)}`, 303);
        throw new AppError("UNAUTHENTICATED");
      }
      const { staff } = session;
      const stage: Stage | undefined = session.totpPending
        ? "totp"
        : staff.mustChangePassword ||
            (!staff.totpEnabled && staff.roles.some((r) => req.agency.totpRequiredRoles.includes(r)))
          ? "account"
          : undefined;
      // WS-3: the second-factor step answers only a sign-in waiting for it. A signed-in officer is sent
      // home, so codes sent there are not checked, counted towards a lockout, or able to end the session.
      if (options.allowStage === "totp" && stage === undefined)
        return reply.redirect(`${base}/register`, 303);
      if (stage && stage !== options.allowStage) {
        if (req.method === "GET")
          return reply.redirect(stage === "totp" ? `${base}/login/totp` : `${base}/account`, 303);
        throw new AppError("UNAUTHENTICATED");
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        const submitted = submittedCsrf(req);
        if (!submitted && options.multipart && req.isMultipart()) req.pendingCsrfToken = session.csrfToken;
        else if (!sameSecret(submitted, session.csrfToken)) throw new AppError("CSRF_FAILED");
      }
      if (roles.length > 0 && !staff.roles.some((r) => roles.includes(r))) throw new AppError("FORBIDDEN");
      req.staffSession = session;
      req.officeUser = {
        id: staff.id,
        displayName: staff.displayName,
        roles: staff.roles,
        csrfToken: session.csrfToken,
      };
    };
}
