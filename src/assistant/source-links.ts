import type { Agency } from "../agencies/index.js";

/** The demo's own machine: every agency of the install may share it. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * IF-4: where a source's public path is opened from outside the site (a LINE message): the agency's own
 * public origin when it has one (the licence origin of its settings, checked to be a host of the agency's
 * own, which the install serves as that agency's site at the root), else the install's public address
 * with the agency's `/a/<id>` path. A loopback origin or the install's own address (the demo's seeded
 * origin) keeps the path too: it names no agency alone.
 */
export function agencySiteBase(
  agency: Pick<Agency, "id" | "licenceOrigin"> | undefined,
  agencyId: string,
  publicUrl: string,
): string {
  const origin = agency?.licenceOrigin ? parseOrigin(agency.licenceOrigin) : undefined;
  const install = publicUrl.replace(/\/+$/, "");
  const shared = !origin || LOOPBACK.has(origin.hostname) || origin.origin === parseOrigin(install)?.origin;
  if (origin && !shared) return origin.origin;
  return `${origin?.origin ?? install}/a/${encodeURIComponent(agencyId)}`;
}

/** A source's public path as an absolute URL on the agency's site (the links a LINE user taps). */
export function absoluteSourceUrl(siteBase: string, url: string): string {
  if (/^https?:\/\//.test(url)) return url;
  return `${siteBase}${url.startsWith("/") ? url : `/${url}`}`;
}

function parseOrigin(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}
