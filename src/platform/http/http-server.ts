import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from "fastify";
import { answerClientError } from "./client-error.js";
import { errorHandler } from "./error-handler.js";
import { parseUrlencoded } from "./form-fields.js";
import type { MultipartLimits } from "./multipart.js";
// #18 ops
import { echoRequestId, logSerializers, requestIdOf, withLogSerializers } from "./request-id.js";
import { DOCS_CSP, registerSecurityHeaders, withPageHeaders } from "./security-headers.js";
import { checkCoercedNumbers, checkUrlInput } from "./url-input.js";

export interface HttpServerOptions {
  limits: MultipartLimits;
  /** Served over HTTPS: cookies and headers are set for it (HSTS, secure cookies). */
  https: boolean;
  logger?: FastifyServerOptions["logger"];
  // #18 opslog
  /** The process's own logger (its identity on every line); when given, `logger` is not used. */
  loggerInstance?: FastifyBaseLogger;
  /** #9: proxies whose X-Forwarded-For is believed (TRUST_PROXY); off unless configured. */
  trustProxy?: false | string[];
}

/**
 * The Fastify instance every Borikan page and API is served from, before any route: the error handler
 * (our error shape, with the security headers, for every answer including 404s), cookies, strict input
 * (URL, urlencoded, multipart), the API documentation and `/healthz`. It knows no capability: the app
 * (`src/app.ts`) registers their routes on it.
 */
export async function createHttpServer(options: HttpServerOptions) {
  const app = Fastify({
    // #18 ops: JSON lines with a request id (an incoming well-formed X-Request-Id), no URLs or cookies
    logger: options.loggerInstance ? false : withLogSerializers(options.logger ?? false),
    // #18 opslog: request lines from a child of the process's logger, with the same serializers
    loggerInstance: options.loggerInstance?.child({}, { serializers: logSerializers }),
    genReqId: requestIdOf,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: Math.ceil(options.limits.maxRequestBytes * 1.4), // JSON attachments are base64
    // Node's own default, which Fastify turns off: a request whose body stops coming (a JSON body or a
    // LINE webhook cut short on purpose) no longer holds its connection forever. Five minutes still
    // carries the largest upload over a slow phone connection.
    requestTimeout: 300_000,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false } },
    // A URL Fastify cannot decode is answered before any hook: through our handler, with our headers.
    frameworkErrors: (error, request, reply) => handleError(error, request, withPageHeaders(reply)),
    // And one Node's HTTP parser refuses (a broken chunk, Content-Length beside Transfer-Encoding).
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const handleError = errorHandler(options.limits);
  app.setErrorHandler(handleError);
  // #18 ops
  echoRequestId(app);
  // First, so that every answer carries them: errors, 404s and redirects included.
  await registerSecurityHeaders(app, { https: options.https });
  await app.register(cookie);
  // After the cookie parser's own onRequest hook, before any route's (the agency is looked up by id).
  app.addHook("onRequest", checkUrlInput);
  app.addHook("preHandler", checkCoercedNumbers);
  // Strict urlencoded forms (#9): bytes that are not UTF-8 are a 400, not silently U+FFFD.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "buffer" },
    (_req, body: Buffer, done) => {
      try {
        done(null, parseUrlencoded(body));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  await app.register(multipart, { throwFileSizeLimit: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Borikan e-Service API",
        version: "1",
        description: "Intake and tracking for Thai government e-Services",
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: DOCS_CSP });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ ok: true }));
  app.setNotFoundHandler((request, reply) => {
    handleError(
      Object.assign(new Error("not found"), { code: "NOT_FOUND", statusCode: 404 }) as never,
      request,
      reply,
    );
  });
  return app;
}
