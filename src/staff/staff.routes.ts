import crypto from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { listUnits } from "../agencies/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { unsafeHtml } from "../platform/html.js";
import { errorText, type FieldLabels } from "../platform/http/form-errors.js";
import { type Form, formList, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { changePassword } from "./change-password.js";
import { disableTotp } from "./disable-totp.js";
import { completeTotpLogin, logIn } from "./login.js";
import { allowSignInAttempt } from "./login-rate-limit.js";
import { endSession, resolveSession } from "./sessions.js";
import { findStaffRow, listStaff, staffFromRow } from "./staff.repo.js";
import { beginTotpEnrolment, confirmTotpEnrolment, createStaff, resetPassword } from "./staff-accounts.js";
import { SESSION_COOKIE, staffGuard } from "./staff-guard.js";
import { stepUpRoutes } from "./step-up.routes.js";
import { totpUri } from "./totp.js";
import { accountView, loginView, type Notice, staffListView, totpLoginView } from "./views/staff.views.js";

const LOGIN_CSRF_COOKIE = "borikan_login_csrf";
/** The staff forms' labels by field name, so an error names the field as the admin sees it. */
const STAFF_LABELS: FieldLabels = {
  email: "login.email",
  displayName: "staff.displayName",
  password: "login.password",
  current: "account.currentPassword",
  code: "login.totpCode",
};
/**
 * The longest value each staff field may have. Passwords allow more than the policy's 200 so that the
 * policy itself answers a long new password; nothing longer reaches argon2.
 */
const MAX = {
  email: 320,
  password: 1000,
  code: 20,
  displayName: 200,
  next: 2000,
  token: 200,
  id: 100,
  roles: 20,
  units: 200,
} as const;

export async function staffRoutes(
  app: FastifyInstance,
  opts: { handle: DatabaseHandle; clock: Clock; secureCookies: boolean },
) {
  const { handle, clock } = opts;
  const guard = staffGuard(handle.db, clock);
  // #13 officers: WS-3's step-up before approving, taking a payment or issuing a licence
  await stepUpRoutes(app, { handle, clock });
  // SC-1: per client address, in the database (shared by both route prefixes and every process).
  const limitAddress = async (req: FastifyRequest) => {
    if (!(await allowSignInAttempt(handle.db, req.ip ?? "", clock.now())))
      throw new AppError("TOO_MANY_ATTEMPTS");
  };
  const ctx = (req: FastifyRequest) => ({
    clock,
    ip: req.ip,
    userAgent: req.headers["user-agent"],
    actor: `staff:${req.staffSession?.staff.id ?? "anonymous"}`,
  });
  const base = (req: FastifyRequest) => `${req.basePath}/office`;
  const errorNotice = (req: FastifyRequest, error: unknown): Notice => {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    return { kind: "error", text: errorText(req.lang, error, STAFF_LABELS) };
  };
  const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: opts.secureCookies };
  // Only a path on this site: never send an officer on to another host after signing in.
  const safeNext = (req: FastifyRequest, next: string) =>
    /^\/(?!\/)[^\s\\]*$/.test(next) ? next : `${base(req)}/register`;

  const showLogin = (req: FastifyRequest, reply: FastifyReply, next: string, notice?: Notice) => {
    const token = crypto.randomBytes(16).toString("base64url");
    reply.setCookie(LOGIN_CSRF_COOKIE, token, { ...cookieOptions, maxAge: 3600 });
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "login.title"),
      loginView(req, `${base(req)}/login`, next, token, notice),
    );
  };

  app.get<{ Querystring: { next?: string } }>("/office/login", (req, reply) =>
    showLogin(req, reply, req.query.next ?? ""),
  );

  app.post<{ Body: Form }>("/office/login", async (req, reply) => {
    const body = req.body ?? {};
    const next = safeNext(req, formString(body.next, "next", MAX.next));
    try {
      const expected = req.cookies[LOGIN_CSRF_COOKIE] ?? "";
      if (!expected || expected !== formString(body._csrf, "_csrf", MAX.token))
        throw new AppError("CSRF_FAILED");
      await limitAddress(req);
      const session = await logIn(
        handle,
        req.agency,
        {
          email: formString(body.email, "email", MAX.email),
          password: formString(body.password, "password", MAX.password),
        },
        ctx(req),
      );
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return reply.redirect(
        session.totpPending ? `${base(req)}/login/totp?next=${encodeURIComponent(next)}` : next,
        303,
      );
    } catch (error) {
      const notice = errorNotice(req, error);
      reply.code((error as AppError).status);
      return showLogin(req, reply, next, notice);
    }
  });

  app.get("/office/login/totp", { preHandler: guard([], { allowStage: "totp" }) }, (req, reply) =>
    sendOfficePage(req, reply, t(req.lang, "login.totpTitle"), totpLoginView(req, `${base(req)}/login/totp`)),
  );

  app.post<{ Body: Form; Querystring: { next?: string } }>(
    "/office/login/totp",
    { preHandler: guard([], { allowStage: "totp" }) },
    async (req, reply) => {
      try {
        await limitAddress(req);
        await completeTotpLogin(
          handle,
          req.staffSession!,
          formString(req.body?.code, "code", MAX.code),
          ctx(req),
        );
        return reply.redirect(safeNext(req, req.query.next ?? ""), 303);
      } catch (error) {
        const notice = errorNotice(req, error);
        reply.code((error as AppError).status);
        return sendOfficePage(
          req,
          reply,
          t(req.lang, "login.totpTitle"),
          totpLoginView(req, `${base(req)}/login/totp`, notice),
        );
      }
    },
  );

  app.post("/office/logout", { preHandler: guard([], { allowStage: "account" }) }, async (req, reply) => {
    await endSession(handle.db, req.staffSession!, ctx(req));
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect(`${base(req)}/login`, 303);
  });

  const showAccount = async (req: FastifyRequest, reply: FastifyReply, notice?: Notice, secret?: string) => {
    const token = req.cookies[SESSION_COOKIE] ?? "";
    const fresh = (await resolveSession(handle.db, token, req.agency.id, clock)) ?? req.staffSession!;
    const staff = fresh.staff;
    const enrolment = secret
      ? {
          secret,
          qrSvg: unsafeHtml(
            await QRCode.toString(totpUri(secret, staff.email, req.agency.nameEn), {
              type: "svg",
              width: 200,
            }),
          ),
        }
      : undefined;
    const totpRequired = staff.roles.some((r) => req.agency.totpRequiredRoles.includes(r));
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "account.title"),
      accountView(req, { base: base(req), staff, totpRequired, enrolment, notice }),
    );
  };
  const accountGuard = { preHandler: guard([], { allowStage: "account" }) };
  app.get("/office/account", accountGuard, (req, reply) => showAccount(req, reply));
  app.post<{ Body: Form }>("/office/account/password", accountGuard, async (req, reply) => {
    try {
      await changePassword(
        handle,
        req.staffSession!,
        formString(req.body?.current, "current", MAX.password),
        formString(req.body?.next, "next", MAX.password),
        ctx(req),
      );
      return showAccount(req, reply, { kind: "ok", text: t(req.lang, "account.passwordChangedOthers") });
    } catch (error) {
      const notice = errorNotice(req, error);
      return showAccount(req, reply.code((error as AppError).status), notice);
    }
  });
  app.post("/office/account/totp", accountGuard, async (req, reply) => {
    try {
      const secret = await beginTotpEnrolment(handle, req.staffSession!.staff, ctx(req));
      return showAccount(req, reply, undefined, secret);
    } catch (error) {
      const notice = errorNotice(req, error);
      return showAccount(req, reply.code((error as AppError).status), notice);
    }
  });
  app.post<{ Body: Form }>("/office/account/totp/disable", accountGuard, async (req, reply) => {
    try {
      const input = {
        password: formString(req.body?.password, "password", MAX.password),
        code: formString(req.body?.code, "code", MAX.code),
      };
      await disableTotp(handle, req.staffSession!.staff, input, ctx(req));
      return showAccount(req, reply, { kind: "ok", text: t(req.lang, "account.totpDisabled") });
    } catch (error) {
      const notice = errorNotice(req, error);
      return showAccount(req, reply.code((error as AppError).status), notice);
    }
  });
  app.post<{ Body: Form }>("/office/account/totp/confirm", accountGuard, async (req, reply) => {
    try {
      await confirmTotpEnrolment(
        handle,
        req.staffSession!.staff,
        formString(req.body?.code, "code", MAX.code),
        ctx(req),
      );
      return reply.redirect(`${base(req)}/account`, 303);
    } catch (error) {
      const notice = errorNotice(req, error);
      return showAccount(req, reply.code((error as AppError).status), notice);
    }
  });

  const adminOnly = { preHandler: guard(["admin"]) };
  const showStaff = async (req: FastifyRequest, reply: FastifyReply, notice?: Notice) => {
    const units = (await listUnits(handle.db, req.agency.id)).map((u) => ({
      id: u.id,
      name: req.lang === "th" ? u.name_th : u.name_en,
    }));
    const staff = await listStaff(handle.db, req.agency.id);
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "staff.title"),
      staffListView(req, base(req), staff, units, notice),
      { wide: true },
    );
  };
  app.get("/office/staff", adminOnly, (req, reply) => showStaff(req, reply));
  app.post<{ Body: Form }>("/office/staff", adminOnly, async (req, reply) => {
    const body = req.body ?? {};
    try {
      const input = {
        email: formString(body.email, "email", MAX.email),
        displayName: formString(body.displayName, "displayName", MAX.displayName),
        roles: formList(body.roles, "roles", MAX.id, MAX.roles),
        unitIds: formList(body.unitIds, "unitIds", MAX.id, MAX.units),
      };
      const created = await createStaff(handle, req.agency.id, input, ctx(req));
      return showStaff(req, reply.code(201), {
        kind: "ok",
        text: t(req.lang, "staff.created", {
          email: created.staff.email,
          password: created.temporaryPassword,
        }),
      });
    } catch (error) {
      const notice = errorNotice(req, error);
      return showStaff(req, reply.code((error as AppError).status), notice);
    }
  });
  app.post<{ Params: { id: string } }>("/office/staff/:id/reset-password", adminOnly, async (req, reply) => {
    const row = await findStaffRow(handle.db, req.agency.id, req.params.id);
    if (!row) throw new AppError("STAFF_NOT_FOUND");
    const password = await resetPassword(handle, req.agency.id, row.id, ctx(req));
    return showStaff(req, reply, {
      kind: "ok",
      text: t(req.lang, "staff.resetDone", { email: staffFromRow(row).email, password }),
    });
  });
}
