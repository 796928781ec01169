import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { newToken } from "../platform/ids.js";
import { manualOf } from "./manual.js";
import { writeManualCsv } from "./manual-csv.js";
import { listPublishedVersions } from "./search-services.js";
import { CODE_PATTERN } from "./service-definition.schema.js";
import type { ServicePageSection } from "./service-page-section.js";
import { findCurrentVersion } from "./service-versions.repo.js";
import { catalogView, pick } from "./views/catalog.view.js";
import { servicePageView } from "./views/service-page.view.js";

const CODE = new RegExp(CODE_PATTERN);

/**
 * #11 item 1: the public catalogue (the agency's home page), each service's page with its citizen manual,
 * and the manual as JSON and CSV in info.go.th's field layout (CM-1, CM-4). A retired or unknown service
 * is a 404 page in the user's language.
 */
export async function catalogPublicRoutes(
  app: FastifyInstance,
  opts: { db: Db; serviceSections?: readonly ServicePageSection[] },
) {
  const { db } = opts;
  const agencyName = (req: FastifyRequest) => ({ th: req.agency.nameTh, en: req.agency.nameEn });

  async function currentVersion(req: FastifyRequest<{ Params: { code: string } }>) {
    const code = req.params.code;
    const version = CODE.test(code) ? await findCurrentVersion(db, req.agency.id, code) : undefined;
    if (!version) throw new AppError("SERVICE_NOT_FOUND");
    return version;
  }

  // #16: what other rooms add to a service's page (the FAQ), in order; a section with nothing says nothing.
  async function serviceSectionsOf(req: FastifyRequest, service: { id: string; code: string }) {
    const sections = await Promise.all((opts.serviceSections ?? []).map((section) => section(req, service)));
    return sections.filter((s) => s !== undefined);
  }

  // The search box sends its query to the search page (`GET /services?q=`); the home page lists all.
  app.get("/", { schema: { hide: true } }, async (req, reply) => {
    const name = pick(req.lang, agencyName(req));
    const services = await listPublishedVersions(db, req.agency.id);
    const body = catalogView({ lang: req.lang, base: req.basePath, agencyName: name, services });
    return sendPage(req, reply, { title: t(req.lang, "catalog.title", { agency: name }), body });
  });

  app.get<{ Params: { code: string } }>("/services/:code", { schema: { hide: true } }, async (req, reply) => {
    const version = await currentVersion(req);
    const base = req.basePath;
    const body = servicePageView({
      lang: req.lang,
      base,
      version,
      manual: manualOf(version, agencyName(req)),
      timeZone: req.agency.timeZone,
      apply: { action: `${base}/services/${version.definition.code}/apply`, formToken: newToken() },
      extra: await serviceSectionsOf(req, { id: version.serviceId, code: version.definition.code }),
    });
    return sendPage(req, reply, { title: pick(req.lang, version.definition.name), body });
  });

  app.get<{ Params: { code: string } }>(
    "/services/:code/manual.json",
    { schema: { hide: true } },
    async (req, reply) => {
      const version = await currentVersion(req);
      return reply
        .type("application/json; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(manualOf(version, agencyName(req)));
    },
  );

  app.get<{ Params: { code: string } }>(
    "/services/:code/manual.csv",
    { schema: { hide: true } },
    async (req, reply) => {
      const version = await currentVersion(req);
      const name = `${version.definition.code}-manual-v${version.version}.csv`;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("cache-control", "no-cache")
        .send(writeManualCsv(manualOf(version, agencyName(req))));
    },
  );
}
