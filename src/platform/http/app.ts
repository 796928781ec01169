import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { agencyAdminRoutes } from "../../agencies/admin.routes.js";
import { channelWarnings } from "../../intake/channel-warnings.js";
import { type LineProcessor, lineAnswerRoutes, lineRoutes } from "../../intake/line/index.js";
import { mailNotices, mailRoutes } from "../../intake/mail/mail.routes.js";
import { paperRoutes } from "../../intake/paper/paper.routes.js";
import type { WebIntakeDeps } from "../../intake/web/submit-web-request.js";
import { webIntakeRoutes } from "../../intake/web/web.routes.js";
import { type ComposeMessage, findMessageFailures, findMessageStatuses } from "../../outbox/index.js";
import { outboxNotices, outboxRoutes } from "../../outbox/outbox.routes.js";
import { registerRoutes } from "../../register/register.routes.js";
import { staffRoutes } from "../../staff/index.js";
import { html } from "../html.js";
import { t } from "../i18n/index.js";
import { answerClientError } from "./client-error.js";
import { errorHandler } from "./error-handler.js";
import { parseUrlencoded } from "./form-fields.js";
import type { MultipartLimits } from "./multipart.js";
import { agencyResolver } from "./request-context.js";
import { DOCS_CSP, registerSecurityHeaders, withPageHeaders } from "./security-headers.js";
import { checkUrlInput } from "./url-input.js";

export interface AppOptions {
  intake: WebIntakeDeps;
  /** LINE webhook (CH-10): the processor of stored events, and where channel secrets are read. */
  line: { processor: LineProcessor; env: NodeJS.ProcessEnv; log: (msg: string) => void };
  limits: MultipartLimits;
  /** #9: how outgoing mail is written, and whether a mail server is configured (else nothing is "sent"). */
  outbox: { compose: ComposeMessage; mailConfigured: boolean };
  defaultAgency?: string;
  logger?: FastifyServerOptions["logger"];
  /** #9: proxies whose X-Forwarded-For is believed (TRUST_PROXY); off unless configured. */
  trustProxy?: false | string[];
}

/** The HTTP application: public pages and the API, for every agency of the install. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
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
  // First, so that every answer carries them: errors, 404s and redirects included.
  await registerSecurityHeaders(app, { https: options.intake.publicUrl.startsWith("https:") });
  await app.register(cookie);
  // After the cookie parser's own onRequest hook, before any route's (the agency is looked up by id).
  app.addHook("onRequest", checkUrlInput);
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

  const resolveAgency = agencyResolver(options.intake.handle.db, options.defaultAgency);
  for (const prefix of ["", "/a/:agency"]) {
    await app.register(
      async (scope) => {
        scope.addHook("onRequest", resolveAgency);
        const { mailConfigured } = options.outbox;
        await webIntakeRoutes(scope, { deps: options.intake, limits: options.limits, mailConfigured });
        const { handle, clock, files } = options.intake;
        await staffRoutes(scope, {
          handle,
          clock,
          secureCookies: options.intake.publicUrl.startsWith("https:"),
        });
        await registerRoutes(scope, {
          handle,
          clock,
          files,
          notices: async (req) =>
            html`${await outboxNotices(handle, mailConfigured, req)}${await mailNotices(handle, clock, req)}`,
          acknowledgements: {
            mailConfigured,
            statuses: (ids) => findMessageStatuses(handle.db, ids),
            failures: (ids) => findMessageFailures(handle.db, ids),
          },
          limits: options.limits,
        });
        await outboxRoutes(scope, { handle, clock, compose: options.outbox.compose, mailConfigured });
        await mailRoutes(scope, { deps: options.intake, files });
        const lineDeps = { ...options.intake, env: options.line.env, log: options.line.log };
        await lineRoutes(scope, { deps: lineDeps, processor: options.line.processor });
        await lineAnswerRoutes(scope, { deps: lineDeps });
        await paperRoutes(scope, { handle, clock, files, limits: options.limits });
        await agencyAdminRoutes(scope, {
          handle,
          clock,
          limits: options.limits,
          channelWarnings: async (req) =>
            (await channelWarnings(handle.db, req.agency, { mailConfigured, env: options.line.env })).map(
              (w) => t(req.lang, w.key, w.params),
            ),
        });
      },
      { prefix },
    );
  }
  app.setNotFoundHandler((request, reply) => {
    handleError(
      Object.assign(new Error("not found"), { code: "NOT_FOUND", statusCode: 404 }) as never,
      request,
      reply,
    );
  });
  return app;
}
