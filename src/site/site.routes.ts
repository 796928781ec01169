import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import type { AgencyFacts } from "./default-pages.js";
import { getSitePage, SITE_SLUGS, saveSitePage } from "./site-pages.js";
import { sitePagesAdminView, sitePageView } from "./views/site-pages.view.js";

const factsOf = (req: FastifyRequest): AgencyFacts => ({
  nameTh: req.agency.nameTh,
  nameEn: req.agency.nameEn,
  email: req.agency.centralEmail,
  phones: req.agency.phones.join(", "),
});

/**
 * WS-2: the footer of every public page links to the agency's contact, terms of use, privacy policy,
 * general privacy notice and security policy; the pages themselves, and the admin's form to edit them.
 */
export async function siteRoutes(app: FastifyInstance, opts: { handle: DatabaseHandle; clock: Clock }) {
  const { handle, clock } = opts;
  // The links are the same for every agency (only the pages' text differs), so no query per request.
  app.addHook("onRequest", async (req) => {
    if (!req.lang || req.basePath === undefined) return;
    req.footerLinks = SITE_SLUGS.map((slug) => ({
      href: `${req.basePath}/pages/${slug}`,
      label: t(req.lang, `site.page.${slug}`),
    }));
  });

  app.get<{ Params: { slug: string } }>("/pages/:slug", { schema: { hide: true } }, async (req, reply) => {
    const page = await getSitePage(handle.db, req.agency.id, req.params.slug, factsOf(req));
    return sendPage(req, reply, {
      title: req.lang === "en" ? page.titleEn : page.titleTh,
      body: sitePageView(req.lang, page),
    });
  });

  const admins = { preHandler: staffGuard(handle.db, clock)(["admin"]) };
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    notices: { kind: "ok" | "error"; text: string }[] = [],
  ) => {
    const pages = await Promise.all(
      SITE_SLUGS.map((slug) => getSitePage(handle.db, req.agency.id, slug, factsOf(req))),
    );
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "site.admin.title"),
      sitePagesAdminView(req, pages, req.agency.timeZone, notices),
    );
  };

  app.get("/office/admin/pages", admins, (req, reply) => show(req, reply));

  app.post<{ Params: { slug: string }; Body: Form }>(
    "/office/admin/pages/:slug",
    admins,
    async (req, reply) => {
      const b = asForm(req.body);
      try {
        const page = await saveSitePage(
          handle,
          req.agency.id,
          req.params.slug,
          {
            titleTh: formString(b.titleTh, "titleTh", 200),
            titleEn: formString(b.titleEn, "titleEn", 200),
            bodyTh: formString(b.bodyTh, "bodyTh", 20_000),
            bodyEn: formString(b.bodyEn, "bodyEn", 20_000),
          },
          factsOf(req),
          { clock, actor: `staff:${req.staffSession!.staff.id}`, ip: req.ip },
        );
        const title = req.lang === "en" ? page.titleEn : page.titleTh;
        return show(req, reply, [{ kind: "ok", text: t(req.lang, "site.admin.saved", { title }) }]);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        reply.code(error.status);
        return show(req, reply, [{ kind: "error", text: errorText(req.lang, error) }]);
      }
    },
  );
}
