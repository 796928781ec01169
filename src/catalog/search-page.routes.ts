import type { FastifyInstance } from "fastify";
import type { Db } from "../platform/db/database.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { searchResultsView } from "./search-page.view.js";
import { listPublishedVersions, searchServices } from "./search-services.js";

const MAX_SHOWN = 50;

/**
 * IF-2: `GET /services?q=` — the catalogue searched in Thai or English, a page that works without
 * JavaScript; without `q`, every published service. A query is text or absent: anything else
 * (repeated, too long) is cut to its first 200 characters rather than refused.
 */
export async function searchPageRoutes(app: FastifyInstance, opts: { db: Db }) {
  app.get("/services", { schema: { hide: true } }, async (req, reply) => {
    const raw = (req.query as { q?: unknown }).q;
    const q = (typeof raw === "string" ? raw : Array.isArray(raw) ? String(raw[0] ?? "") : "")
      .slice(0, 200)
      .trim();
    const services =
      q === ""
        ? (await listPublishedVersions(opts.db, req.agency.id)).slice(0, 500)
        : (await searchServices(opts.db, req.agency.id, q, { limit: MAX_SHOWN })).map((hit) => hit.version);
    return sendPage(req, reply, {
      title: t(req.lang, q === "" ? "search.all" : "search.title"),
      body: searchResultsView(req.lang, req.basePath, q, services),
    });
  });
}
