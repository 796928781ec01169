import crypto from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Html } from "../platform/html.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { CITIZEN_COOKIE, endCitizenSession } from "./citizen-sessions.js";
import { type CodeChannels, requestSignInCode } from "./request-sign-in-code.js";
import { signInWithCode } from "./sign-in-with-code.js";
import type { ThaidClient } from "./thaid-client.js";
import { safeReturnPath } from "./thaid-sign-in.js";
import { accountView, type Channels, codeView, type Notice, signInView } from "./views/sign-in.views.js";

/** A section of the citizen's account page (my requests, who read my data, my identity…), or nothing. */
export type AccountSection = (req: FastifyRequest) => Promise<Html | undefined>;

/** The sign-in forms' CSRF token before anyone is signed in (like the officers' login form). */
export const SIGN_IN_CSRF_COOKIE = "borikan_sign_in_csrf";
const LABELS = { destination: "signIn.destination", code: "signIn.code" } as const;
const MAX = { destination: 320, code: 20, token: 200, ticket: 100, return: 2000 } as const;

export interface SignInRouteOptions {
  handle: DatabaseHandle;
  clock: Clock;
  sealer: Sealer;
  channels: CodeChannels;
  thaid?: ThaidClient;
  secureCookies: boolean;
  /** Other parts' sections of the account page, in order. */
  accountSections: AccountSection[];
}

/** ID-4, WS-3: the citizen's sign-in by a one-time code, sign-out, and the account page. */
export async function signInRoutes(app: FastifyInstance, opts: SignInRouteOptions) {
  const { handle, clock, sealer } = opts;
  const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: opts.secureCookies };
  const channels: Channels = {
    email: opts.channels.mailConfigured,
    sms: !!opts.channels.sms,
    thaid: !!opts.thaid,
  };
  const home = (req: FastifyRequest) => `${req.basePath}/account`;
  const notice = (req: FastifyRequest, error: unknown): Notice => {
    if (!(error instanceof AppError) || (error.status >= 500 && error.code !== "SIGN_IN_CODE_NOT_SENT"))
      throw error;
    return { kind: "error", text: errorText(req.lang, error, LABELS) };
  };
  const checkCsrf = (req: FastifyRequest, given: unknown) => {
    const expected = req.cookies[SIGN_IN_CSRF_COOKIE] ?? "";
    if (!expected || expected !== formString(given, "_csrf", MAX.token)) throw new AppError("CSRF_FAILED");
  };
  const csrfFor = (req: FastifyRequest, reply: FastifyReply) => {
    const existing = req.cookies[SIGN_IN_CSRF_COOKIE];
    if (existing && /^[\w-]{22}$/.test(existing)) return existing;
    const token = crypto.randomBytes(16).toString("base64url");
    reply.setCookie(SIGN_IN_CSRF_COOKIE, token, { ...cookieOptions, maxAge: 3600 });
    return token;
  };
  const showSignIn = (
    req: FastifyRequest,
    reply: FastifyReply,
    returnPath: string,
    extra: { destination?: string; notice?: Notice } = {},
  ) =>
    sendPage(req, reply, {
      title: t(req.lang, "signIn.title"),
      body: signInView(req, { csrf: csrfFor(req, reply), channels, returnPath, ...extra }),
    });

  // WS-3: the sign-in state is visible on every public page: a header link to sign in or to the account.
  app.addHook("onRequest", async (req) => {
    req.headerLink = { href: home(req), label: t(req.lang, "account.link") };
  });

  app.get<{ Querystring: { return?: string } }>("/account/sign-in", (req, reply) =>
    showSignIn(req, reply, safeReturnPath(req.query.return, home(req))),
  );

  app.post("/account/sign-in", async (req, reply) => {
    const body = asForm(req.body);
    const returnPath = safeReturnPath(formString(body.return, "return", MAX.return), home(req));
    let destination = "";
    try {
      checkCsrf(req, body._csrf);
      destination = formString(body.destination, "destination", MAX.destination);
      const sent = await requestSignInCode(
        handle,
        sealer,
        opts.channels,
        { agencyId: req.agency.id, destination, ip: req.ip ?? "", lang: req.lang },
        clock.now(),
      );
      return sendPage(req, reply, {
        title: t(req.lang, "signIn.codeTitle"),
        body: codeView(req, {
          csrf: csrfFor(req, reply),
          codeId: sent.codeId,
          channel: sent.channel,
          returnPath,
        }),
      });
    } catch (error) {
      const shown = notice(req, error);
      reply.code((error as AppError).status);
      return showSignIn(req, reply, returnPath, { destination, notice: shown });
    }
  });

  app.post("/account/sign-in/code", async (req, reply) => {
    const body = asForm(req.body);
    const returnPath = safeReturnPath(formString(body.return, "return", MAX.return), home(req));
    const codeId = formString(body.ticket, "ticket", MAX.ticket);
    try {
      checkCsrf(req, body._csrf);
      const session = await signInWithCode(
        handle,
        sealer,
        {
          agencyId: req.agency.id,
          codeId,
          code: formString(body.code, "code", MAX.code).trim(),
          ip: req.ip ?? "",
          previousSessionId: req.citizen?.sessionId,
        },
        clock.now(),
      );
      reply.setCookie(CITIZEN_COOKIE, session.token, cookieOptions);
      reply.clearCookie(SIGN_IN_CSRF_COOKIE, { path: "/" });
      return reply.redirect(returnPath, 303);
    } catch (error) {
      const shown = notice(req, error);
      const code = (error as AppError).code;
      reply.code((error as AppError).status);
      // A wrong code may be tried again on the same form; anything else starts over.
      if (code === "SIGN_IN_CODE_INVALID" && /^[\w-]{1,100}$/.test(codeId))
        return sendPage(req, reply, {
          title: t(req.lang, "signIn.codeTitle"),
          body: codeView(req, {
            csrf: csrfFor(req, reply),
            codeId,
            channel: "email",
            returnPath,
            notice: shown,
          }),
        });
      return showSignIn(req, reply, returnPath, { notice: shown });
    }
  });

  app.post("/account/sign-out", async (req, reply) => {
    const citizen = req.citizen;
    if (!citizen) throw new AppError("UNAUTHENTICATED");
    if (formString(asForm(req.body)._csrf, "_csrf", MAX.token) !== citizen.csrfToken)
      throw new AppError("CSRF_FAILED");
    await endCitizenSession(handle.db, citizen.sessionId);
    await recordAudit(handle.db, {
      agencyId: citizen.agencyId,
      actor: `citizen:${citizen.accountId}`,
      action: "citizen.sign-out",
      subjectType: "citizen_account",
      subjectId: citizen.accountId,
      data: { signInId: citizen.signInId },
      ip: req.ip,
      at: clock.now().toISOString(),
    });
    reply.clearCookie(CITIZEN_COOKIE, { path: "/" });
    return reply.redirect(`${req.basePath}/account/sign-in`, 303);
  });

  app.get("/account", async (req, reply) => {
    const citizen = req.citizen;
    if (!citizen)
      return reply.redirect(`${req.basePath}/account/sign-in?return=${encodeURIComponent(home(req))}`, 303);
    const account = await handle.db
      .selectFrom("citizen_accounts")
      .select(["display_name"])
      .where("id", "=", citizen.accountId)
      .executeTakeFirst();
    const sections: Html[] = [];
    for (const section of opts.accountSections) {
      const shown = await section(req);
      if (shown) sections.push(shown);
    }
    return sendPage(req, reply, {
      title: t(req.lang, "account.citizenTitle"),
      body: accountView(req, {
        session: citizen,
        name: account?.display_name ?? null,
        thaid: !!opts.thaid,
        sections,
      }),
    });
  });
}
