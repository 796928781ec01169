import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Agency, findAgency, listAgencies } from "../../agencies/index.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { type Lang, pickLang } from "../i18n/index.js";

declare module "fastify" {
  interface FastifyRequest {
    agency: Agency;
    lang: Lang;
    /** `/a/<agency>` when the agency came from the path, "" when from the host. */
    basePath: string;
  }
}

const CACHE_MS = 5_000;

/**
 * One install serves many agencies: the agency comes from the path (`/a/<id>/…`), else from the Host
 * header (an agency's hostnames or domain), else the configured default or the only agency there is.
 */
export function agencyResolver(db: Db, defaultAgency: string | undefined) {
  let cache: { at: number; agencies: Agency[] } | undefined;
  const agencies = async () => {
    if (!cache || Date.now() - cache.at > CACHE_MS)
      cache = { at: Date.now(), agencies: await listAgencies(db) };
    return cache.agencies;
  };
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const query = request.query as { lang?: string } | undefined;
    const fromQuery = query?.lang === "th" || query?.lang === "en" ? query.lang : undefined;
    if (fromQuery)
      reply.setCookie("lang", fromQuery, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 31_536_000 });
    const isApi = request.url.includes("/api/");
    request.lang = isApi
      ? pickLang(fromQuery, request.headers["accept-language"])
      : pickLang(fromQuery ?? request.cookies.lang);
    const fromPath = (request.params as { agency?: string } | undefined)?.agency;
    if (fromPath) {
      const agency = (await agencies()).find((a) => a.id === fromPath) ?? (await findAgency(db, fromPath));
      if (!agency) throw new AppError("AGENCY_NOT_FOUND");
      request.agency = agency;
      request.basePath = `/a/${agency.id}`;
      return;
    }
    const host = (request.hostname || "").replace(/:\d+$/, "").toLowerCase();
    const all = await agencies();
    const agency =
      all.find((a) => a.hostnames.includes(host) || a.domain === host) ??
      all.find((a) => a.id === defaultAgency) ??
      (all.length === 1 ? all[0] : undefined);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    request.agency = agency;
    request.basePath = "";
  };
}
