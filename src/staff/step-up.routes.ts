import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { html } from "../platform/html.js";
import { errorText } from "../platform/http/form-errors.js";
import { type Form, formString } from "../platform/http/form-fields.js";
import { csrfField, sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { allowSignInAttempt } from "./login-rate-limit.js";
import { staffGuard } from "./staff-guard.js";
import { stepUp } from "./step-up.js";
import { type Notice, noticeView } from "./views/staff.views.js";

const MAX = { password: 1000, code: 20, return: 2000 } as const;
const LABELS = { password: "login.password", code: "login.totpCode" } as const;

/** WS-3: `GET/POST /office/step-up?return=<local path>`: the password and a code again, then back. */
export async function stepUpRoutes(app: FastifyInstance, opts: { handle: DatabaseHandle; clock: Clock }) {
  const { handle, clock } = opts;
  const guard = { preHandler: staffGuard(handle.db, clock)([]) };
  // Only a path on this site: never send an officer on to another host.
  const safeReturn = (req: FastifyRequest, value: unknown) => {
    const path = typeof value === "string" ? value.slice(0, MAX.return) : "";
    return /^\/(?!\/)[^\s\\]*$/.test(path) ? path : `${req.basePath}/office/register`;
  };
  const page = (req: FastifyRequest, reply: FastifyReply, back: string, notice?: Notice) => {
    const l = req.lang;
    const enrolled = req.staffSession!.staff.totpEnabled;
    const action = `${req.basePath}/office/step-up?return=${encodeURIComponent(back)}`;
    return sendOfficePage(
      req,
      reply,
      t(l, "stepUp.title"),
      html`<h1>${t(l, "stepUp.title")}</h1>${noticeView(notice)}<p>${t(l, "stepUp.hint")}</p>
${
  enrolled
    ? html`<form method="post" action="${action}">${csrfField(req)}
<label for="password">${t(l, "login.password")}</label><input type="password" id="password" name="password" required autocomplete="current-password">
<label for="code">${t(l, "login.totpCode")}</label><input type="text" id="code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code">
<button type="submit">${t(l, "stepUp.submit")}</button></form>`
    : html`<p class="errors" role="alert"><a href="${req.basePath}/office/account">${t(l, "stepUp.enrolFirst")}</a></p>`
}`,
    );
  };

  app.get<{ Querystring: { return?: unknown } }>("/office/step-up", guard, (req, reply) =>
    page(req, reply, safeReturn(req, req.query.return)),
  );

  app.post<{ Body: Form; Querystring: { return?: unknown } }>(
    "/office/step-up",
    guard,
    async (req, reply) => {
      const back = safeReturn(req, req.query.return);
      try {
        // SC-1: the same per-address limit as the sign-in page.
        if (!(await allowSignInAttempt(handle.db, req.ip ?? "", clock.now())))
          throw new AppError("TOO_MANY_ATTEMPTS");
        const session = req.staffSession!;
        await stepUp(
          handle,
          session,
          {
            password: formString(req.body?.password, "password", MAX.password),
            code: formString(req.body?.code, "code", MAX.code),
          },
          { clock, ip: req.ip, actor: `staff:${session.staff.id}` },
        );
        return reply.redirect(back, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        reply.code(error.status);
        return page(req, reply, back, { kind: "error", text: errorText(req.lang, error, LABELS) });
      }
    },
  );
}
