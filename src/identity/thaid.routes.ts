import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { sha256Hex } from "../platform/ids.js";
import { CITIZEN_COOKIE } from "./citizen-sessions.js";
import { ADDRESS_LIMIT, allowCitizenAttempt } from "./sign-in-limits.js";
import { signInWithThaid } from "./sign-in-with-thaid.js";
import type { ThaidClient } from "./thaid-client.js";
import { auditThaidRefusal, safeReturnPath, startThaidSignIn } from "./thaid-sign-in.js";

/** Binds a ThaiD request to the browser that started it: a callback link sent to someone else fails. */
const THAID_STATE_COOKIE = "borikan_thaid_state";

/**
 * ID-4 (THAI-STANDARDS §1): ThaiD over OpenID Connect. `start` sends the browser to ThaiD (a step-up
 * when a citizen is signed in); the callback (PUBLIC_URL + /account/thaid/callback, registered exactly)
 * signs in and returns to the local path asked for. Every refusal is a 4xx page, audited.
 */
export async function thaidRoutes(
  app: FastifyInstance,
  opts: { handle: DatabaseHandle; clock: Clock; sealer: Sealer; thaid?: ThaidClient; secureCookies: boolean },
) {
  const { handle, clock, sealer } = opts;
  const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: opts.secureCookies };
  const client = (): ThaidClient => {
    if (!opts.thaid) throw new AppError("THAID_NOT_CONFIGURED");
    return opts.thaid;
  };

  app.get<{ Querystring: { return?: string } }>("/account/thaid/start", async (req, reply) => {
    const thaid = client();
    // SC-1: each start writes a request; a client address may start only so many a minute.
    if (!(await allowCitizenAttempt(handle.db, `thaid:${req.ip ?? ""}`, clock.now(), ADDRESS_LIMIT)))
      throw new AppError("TOO_MANY_ATTEMPTS");
    const returnPath = safeReturnPath(
      typeof req.query.return === "string" ? req.query.return : undefined,
      `${req.basePath}/account`,
    );
    const url = await startThaidSignIn(
      handle.db,
      thaid,
      { agencyId: req.agency.id, returnPath, accountId: req.citizen?.accountId },
      clock.now(),
    );
    const state = url.searchParams.get("state") ?? "";
    reply.setCookie(THAID_STATE_COOKIE, sha256Hex(state), { ...cookieOptions, maxAge: 600 });
    return reply.redirect(url.href, 303);
  });

  app.get("/account/thaid/callback", async (req, reply) => {
    const thaid = client();
    const query = new URL(req.url, "http://x").searchParams;
    const state = (query.get("state") ?? "").slice(0, 200);
    try {
      if (!state || req.cookies[THAID_STATE_COOKIE] !== sha256Hex(state))
        throw new AppError("THAID_STATE_INVALID");
      const done = await signInWithThaid(
        handle,
        sealer,
        thaid,
        { agencyId: req.agency.id, query, current: current(req), ip: req.ip ?? "" },
        clock.now(),
      );
      reply.clearCookie(THAID_STATE_COOKIE, { path: "/" });
      reply.setCookie(CITIZEN_COOKIE, done.token, cookieOptions);
      return reply.redirect(done.returnPath, 303);
    } catch (error) {
      if (error instanceof AppError)
        await auditThaidRefusal(
          handle.db,
          { agencyId: req.agency.id, state, code: error.code, ip: req.ip ?? "" },
          clock.now().toISOString(),
        );
      throw error;
    }
  });
}

const current = (req: FastifyRequest) =>
  req.citizen ? { sessionId: req.citizen.sessionId, accountId: req.citizen.accountId } : undefined;
