import crypto from "node:crypto";
import net from "node:net";
import type { FastifyReply, FastifyRequest } from "fastify";

export interface OpsAccess {
  /** Addresses or CIDRs (`10.0.0.0/8`, `::1/128`, `192.0.2.7`) that may read without a token. */
  allowFrom: string[];
  /** A bearer token that opens the routes from anywhere; none: the allow list only. */
  token?: string;
}

/** Builds the matcher once; an IPv4 address written as IPv6 (`::ffff:10.1.2.3`) is matched as IPv4. */
export function addressMatcher(allowFrom: string[]): (address: string) => boolean {
  const list = new net.BlockList();
  for (const entry of allowFrom) {
    const [address = "", bits] = entry.split("/");
    const family = net.isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (raw) => {
    const address = raw.startsWith("::ffff:") && net.isIPv4(raw.slice(7)) ? raw.slice(7) : raw;
    const family = net.isIP(address);
    return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
  };
}

/** Equal tokens, compared in constant time (of the hashes, so that lengths leak nothing either). */
function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * An onRequest hook for the operators' routes: served to an allowed address or to the bearer token,
 * otherwise answered as any unknown URL (404), so that the routes are not advertised. The address is
 * `req.ip`: the socket's peer, or the client named by X-Forwarded-For only when TRUST_PROXY trusts that
 * peer. A proxy on loopback that forwards without X-Forwarded-For would make every client look local:
 * docs/DEPLOY.md has the proxy set it (and not pass these routes on at all).
 */
export function opsAccessHook(access: OpsAccess) {
  const allowed = addressMatcher(access.allowFrom);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization;
    const bearer =
      typeof header === "string" && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
    if (access.token && bearer !== undefined && sameToken(bearer, access.token)) return;
    if (allowed(req.ip)) return;
    return reply.callNotFound();
  };
}
