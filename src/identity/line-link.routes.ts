import type { FastifyInstance } from "fastify";
import { AppError } from "../platform/errors.js";
import { sameSecret } from "../platform/form-token.js";
import { html } from "../platform/html.js";
import { asForm } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { lineLinkState, linkLineUser } from "./line-link.js";
import { type MyDataDeps, signedInCitizen } from "./my-requests.routes.js";

type TokenRequest = { Params: { token: string } };

/**
 * PD-6: the one-time link sent in the LINE chat. Opened while signed in it asks to confirm; the POST
 * ties the LINE user to the account. Not signed in: sign in first, then back here.
 */
export async function lineLinkRoutes(app: FastifyInstance, deps: MyDataDeps) {
  app.get<TokenRequest>("/account/line-link/:token", async (req, reply) => {
    const session = signedInCitizen(req, reply);
    if (!session) return reply;
    const state = await lineLinkState(deps.handle, req.agency.id, req.params.token, deps.clock.now());
    if (state === "used") throw new AppError("LINE_LINK_USED");
    if (state !== "valid") throw new AppError("LINE_LINK_INVALID");
    const body = html`<h1>${t(req.lang, "myData.linkTitle")}</h1>
<p>${t(req.lang, "myData.linkExplain")}</p>
<form method="post" action="${req.basePath}/account/line-link/${req.params.token}">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<button type="submit">${t(req.lang, "myData.linkConfirm")}</button>
</form>`;
    return sendPage(req, reply, { title: t(req.lang, "myData.linkTitle"), body });
  });

  app.post<TokenRequest>("/account/line-link/:token", async (req, reply) => {
    const session = signedInCitizen(req, reply);
    if (!session) return reply;
    const given = asForm(req.body)._csrf;
    const csrf = typeof given === "string" ? given : "";
    if (!sameSecret(csrf, session.csrfToken)) throw new AppError("CSRF_FAILED");
    await linkLineUser(
      deps.handle,
      { agencyId: req.agency.id, accountId: session.accountId, token: req.params.token, ip: req.ip },
      deps.clock.now(),
    );
    return reply.redirect(`${req.basePath}/account/requests?linked=1`, 303);
  });
}
