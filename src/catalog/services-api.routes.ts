import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { listPublishedVersions, searchServices } from "./search-services.js";
import { findCurrentVersion, type ServiceVersion } from "./service-versions.repo.js";
import {
  ErrorResponse,
  ServiceCodeParams,
  ServiceDetail,
  ServiceList,
  ServicesQuery,
} from "./services-api.schemas.js";

const CODE = /^[a-z0-9-]{1,64}$/;

/** Item 9 of #11: the catalogue read by machines, in the OpenAPI document beside the submission API. */
export async function servicesApiRoutes(app: FastifyInstance, opts: { db: Db; publicUrl: string }) {
  const base = (req: FastifyRequest, code: string) => `${opts.publicUrl}/a/${req.agency.id}/services/${code}`;
  const summary = (req: FastifyRequest, v: ServiceVersion, score?: number) => ({
    code: v.definition.code,
    name: v.definition.name,
    summary: v.definition.summary,
    category: v.definition.category,
    version: v.version,
    url: base(req, v.definition.code),
    ...(score === undefined ? {} : { score }),
  });

  app.get<{ Querystring: { q?: string; limit?: number } }>(
    "/api/v1/services",
    {
      schema: {
        summary: "The agency's published services, or those matching a search (IF-2)",
        description:
          "Without `q`, every published service by Thai name. With `q`, services matching any of its words (Thai is cut into words; synonyms are searched too), best first.",
        tags: ["catalogue"],
        querystring: ServicesQuery,
        response: { 200: ServiceList, "4xx": ErrorResponse },
      },
    },
    async (req) => {
      const q = req.query.q?.trim() ?? "";
      const limit = req.query.limit ?? 20;
      if (q === "")
        return {
          services: (await listPublishedVersions(opts.db, req.agency.id))
            .slice(0, limit)
            .map((v) => summary(req, v)),
        };
      const hits = await searchServices(opts.db, req.agency.id, q, { limit });
      return { services: hits.map((hit) => summary(req, hit.version, hit.score)) };
    },
  );

  app.get<{ Params: { code: string } }>(
    "/api/v1/services/:code",
    {
      schema: {
        summary: "A service's published version: its citizen manual, documents, fees and form (CM-1, FM-1)",
        description:
          "The version new applications are made with. A retired or unknown service is 404 `SERVICE_NOT_FOUND`.",
        tags: ["catalogue"],
        params: ServiceCodeParams,
        response: { 200: ServiceDetail, "4xx": ErrorResponse },
      },
    },
    async (req) => {
      const { code } = req.params;
      const version = CODE.test(code) ? await findCurrentVersion(opts.db, req.agency.id, code) : undefined;
      if (!version) throw new AppError("SERVICE_NOT_FOUND");
      const d = version.definition;
      const page = base(req, code);
      return {
        ...d,
        risk: { level: d.risk.level, assurance: d.risk.assurance },
        version: version.version,
        publishedAt: version.publishedAt.toISOString(),
        definitionSha256: version.definitionSha256,
        links: { page, manualPdf: `${page}/manual.pdf`, formPdf: `${page}/form.pdf` },
      };
    },
  );
}
