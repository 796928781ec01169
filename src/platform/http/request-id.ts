import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from "fastify";

/** An id a proxy or a caller may hand us: short, and nothing that could break a log line or a header. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request's id: the incoming `X-Request-Id` when it is well-formed (so that one id follows a request
 * from the proxy through our logs), otherwise a new UUID. Fastify calls it before any hook.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && WELL_FORMED.test(given) ? given : crypto.randomUUID();
}

/**
 * What a log line says of a request: method and the route's pattern, never the URL (paths and query
 * strings carry tracking tokens and resume links), nor cookies, headers or the client's address (the
 * PD-4 traffic log keeps those apart, for its 90 days only).
 */
export const logSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? "-" }),
};

/** The logger option with our serializers: JSON lines (pino's own format), one `reqId` on each. */
export function withLogSerializers(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  return {
    ...(logger === true ? {} : logger),
    serializers: logSerializers,
  } as FastifyServerOptions["logger"];
}

/** Echoes the id on every answer (errors and 404s too), for the caller to quote when reporting a problem. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
}
