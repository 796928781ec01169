import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Html } from "../platform/html.js";
import { renderPage, withLang } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import type { LicensingDeps } from "./licensing-deps.js";
import {
  isVerificationCodeShaped,
  type LicenceVerification,
  MAX_LICENCE_NUMBER_LENGTH,
  verifyLicence,
} from "./verify-licence.js";
import {
  licenceNotFoundView,
  type VerifyPageContext,
  verifiedLicenceView,
  verifyFormView,
} from "./views/verify-licence.view.js";

type VerifyRequest = FastifyRequest<{
  Params: { "*": string };
  Querystring: { c?: unknown; number?: unknown };
}>;

/** A code as typed: spaces and dashes dropped, upper case (Crockford's alphabet reads either way). */
const typedCode = (value: unknown): string =>
  typeof value === "string" ? value.replace(/[\s-]/g, "").toUpperCase().slice(0, 40) : "";

/**
 * LC-3: the public verification page, without login: `GET /verify/{number}?c={code}` (the licence's QR),
 * `GET /verify/{number}.json?c=` (the same facts for apps) and `GET /verify` (a form to type them in).
 * Never cached (a revocation shows at once), never indexed; a wrong number or code is one same 404.
 */
export async function verifyLicenceRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  function pageContext(req: FastifyRequest): VerifyPageContext {
    const origin = req.agency.licenceOrigin;
    return {
      lang: req.lang,
      timeZone: req.agency.timeZone,
      genuineHost: origin ? new URL(origin).hostname.toLowerCase() : null,
      requestHost: req.hostname.replace(/:\d+$/, "").toLowerCase(),
      basePath: req.basePath,
    };
  }

  /** A page whose language link names no number or code: the 404 must not echo what was asked. */
  function send(
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    body: Html,
    switchHref: string,
  ) {
    return reply
      .code(status)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header("x-robots-tag", "noindex")
      .send(
        renderPage({
          lang: req.lang,
          title,
          agencyName: req.lang === "th" ? req.agency.nameTh : req.agency.nameEn,
          switchHref,
          footerLinks: req.footerLinks,
          footerLabel: t(req.lang, "site.footerNav"),
          statusBanner: req.statusBanner,
          body,
        }),
      );
  }

  const formHref = (req: FastifyRequest) => `${req.basePath}/verify?lang=${req.lang === "th" ? "en" : "th"}`;

  function notFound(req: FastifyRequest, reply: FastifyReply, json: boolean) {
    if (json)
      return reply
        .code(404)
        .header("cache-control", "no-store")
        .header("x-robots-tag", "noindex")
        .send({ error: { code: "LICENCE_NOT_FOUND", message: t(req.lang, "verify.notFound.body") } });
    return send(
      req,
      reply,
      404,
      t(req.lang, "verify.notFound.title"),
      licenceNotFoundView(pageContext(req)),
      formHref(req),
    );
  }

  app.get("/verify", async (req: VerifyRequest, reply) => {
    const number = typeof req.query.number === "string" ? req.query.number.trim() : "";
    const code = typedCode(req.query.c);
    if (number === "" && code === "")
      return send(
        req,
        reply,
        200,
        t(req.lang, "verify.title"),
        verifyFormView(pageContext(req), {}),
        formHref(req),
      );
    if (number.length > MAX_LICENCE_NUMBER_LENGTH || !isVerificationCodeShaped(code))
      return notFound(req, reply, false);
    return reply
      .header("cache-control", "no-store")
      .header("x-robots-tag", "noindex")
      .redirect(`${req.basePath}/verify/${encodeURIComponent(number)}?c=${code}`, 303);
  });

  app.get("/verify/*", async (req: VerifyRequest, reply) => {
    const raw = req.params["*"] ?? "";
    const json = raw.endsWith(".json");
    const number = json ? raw.slice(0, -".json".length) : raw;
    const code = typeof req.query.c === "string" ? req.query.c : "";
    const verification = await verifyLicence(deps.handle.db, {
      agencyId: req.agency.id,
      number,
      code,
      now: deps.clock.now(),
      timeZone: req.agency.timeZone,
    });
    if (!verification) return notFound(req, reply, json);
    const ctx = pageContext(req);
    if (json)
      return reply
        .header("cache-control", "no-store")
        .header("x-robots-tag", "noindex")
        .send(verificationJson(verification, ctx, req.agency.licenceOrigin));
    const title = `${verification.licence.title[req.lang]} ${verification.licence.number}`;
    return send(
      req,
      reply,
      200,
      title,
      verifiedLicenceView(verification, ctx),
      withLang(req.url, req.lang === "th" ? "en" : "th"),
    );
  });
}

/** The page's facts for apps: what is printed, the current status (both languages) and the genuine host. */
function verificationJson(v: LicenceVerification, ctx: VerifyPageContext, origin: string | null) {
  const { licence } = v;
  const base = origin ? origin.replace(/\/+$/, "") : ctx.basePath;
  return {
    licence: {
      title: licence.title,
      number: licence.number,
      edition: licence.edition,
      holderName: licence.holderName,
      fields: licence.fields,
      conditions: licence.conditions,
      validFrom: licence.validFrom,
      validUntil: licence.validUntil,
      signer: licence.signer,
    },
    status: v.status,
    statusText: { th: t("th", `verify.status.${v.status}`), en: t("en", `verify.status.${v.status}`) },
    statusReason: v.status === "valid" || v.status === "expired" ? null : licence.statusReason,
    statusChangedAt: licence.statusChangedAt,
    signing: v.signing,
    scannedAt: licence.scannedAt,
    current: v.current
      ? {
          edition: v.current.edition,
          url: `${base}/verify/${encodeURIComponent(v.current.number)}?c=${v.current.verificationCode}`,
        }
      : null,
    genuineHost: ctx.genuineHost,
  };
}
