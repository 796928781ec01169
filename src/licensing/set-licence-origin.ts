import { type Agency, findAgency, saveAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";

/** Why an origin is refused; each has its own sentence on the settings page. */
export type OriginProblem = "format" | "scheme" | "credentials" | "path" | "host";

const refuse = (detail: OriginProblem) =>
  new AppError("LICENCE_ORIGIN_INVALID", { detail }, { field: "origin" });

/** The demo's own machine: plain http allowed there only. */
const LOOPBACK = new Set(["localhost", "127.0.0.1"]);

/** Whether the host is the agency's own: one of its hostnames, its domain, or a subdomain of its domain. */
export function isAgencyHost(agency: Pick<Agency, "domain" | "hostnames">, host: string): boolean {
  const domain = agency.domain.toLowerCase();
  return (
    LOOPBACK.has(host) ||
    agency.hostnames.some((h) => h.toLowerCase() === host) ||
    (domain !== "" && (host === domain || host.endsWith(`.${domain}`)))
  );
}

/**
 * LC-3: the origin a licence's QR leads to, checked: https (http only on localhost for the demo), no
 * credentials, no path, query or fragment (a shared host's `/a/<id>` path cannot tell a forgery from the
 * agency), and a host of the agency's own. Returns the origin as stored (`https://host[:port]`).
 */
export function checkLicenceOrigin(agency: Pick<Agency, "domain" | "hostnames">, raw: string): string {
  const text = raw.trim();
  if (!text || text.length > 200 || /\s/.test(text)) throw refuse("format");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse("format");
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(host))) throw refuse("scheme");
  if (url.username || url.password) throw refuse("credentials");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || /[?#]$/.test(text))
    throw refuse("path");
  if (!isAgencyHost(agency, host)) throw refuse("host");
  return url.origin;
}

export interface SettingsContext {
  actor: string;
  at: Date;
  ip?: string;
}

/**
 * LC-3: an admin sets the agency's licence origin; audited from → to. Licences already issued keep the
 * QR they were printed with. Throws LICENCE_ORIGIN_INVALID, AGENCY_NOT_FOUND.
 */
export async function setLicenceOrigin(
  handle: DatabaseHandle,
  agencyId: string,
  raw: string,
  ctx: SettingsContext,
): Promise<string> {
  return withTransaction(handle, async (trx) => {
    const agency = await findAgency(trx, agencyId);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    const origin = checkLicenceOrigin(agency, raw);
    if (origin === agency.licenceOrigin) return origin;
    const at = ctx.at.toISOString();
    await saveAgency(trx, { ...agency, licenceOrigin: origin }, at);
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.licence-origin",
      subjectType: "agency",
      subjectId: agencyId,
      data: { from: agency.licenceOrigin, to: origin },
      ip: ctx.ip,
      at,
    });
    return origin;
  });
}
