import type { FastifyRequest } from "fastify";
import { cacheVersionsOf } from "../platform/cache-versions/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type {} from "../platform/http/request-context.js";
import { AGENCIES_SCOPE, findAgency, listAgencies } from "./agencies.repo.js";
import type { Agency } from "./agency.js";

declare module "../platform/http/request-context.js" {
  // Every route sees the whole agency (settings, addresses), not only what the platform needs of it.
  interface RequestAgency extends Agency {}
}

const CACHE_MS = 5_000;

/**
 * One install serves many agencies: the agency comes from the path (`/a/<id>/…`), else from the Host
 * header (an agency's hostnames or domain), else the configured default or the only agency there is.
 * Throws AGENCY_NOT_FOUND.
 */
export function agencyResolver(db: Db, defaultAgency: string | undefined) {
  let cache: { at: number; version: number; agencies: Agency[] } | undefined;
  // #18 shared: a change saved through another process is seen within a second, not after the TTL.
  const versions = cacheVersionsOf(db);
  const agencies = async () => {
    const version = await versions.current(AGENCIES_SCOPE);
    if (!cache || cache.version !== version || Date.now() - cache.at > CACHE_MS)
      cache = { at: Date.now(), version, agencies: await listAgencies(db) };
    return cache.agencies;
  };
  return async (request: FastifyRequest): Promise<void> => {
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
      // #15 verify (LC-3): a licence's QR opens at the agency's licence origin, which serves that agency
      all.find((a) => a.licenceOrigin !== null && originHost(a.licenceOrigin) === host) ??
      all.find((a) => a.id === defaultAgency) ??
      (all.length === 1 ? all[0] : undefined);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    request.agency = agency;
    request.basePath = "";
  };
}

// #15 verify: the host of an agency's licence origin; none when it does not parse.
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
