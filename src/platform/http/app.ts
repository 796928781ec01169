import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { agencyAdminRoutes } from "../../agencies/admin.routes.js";
import { type LineProcessor, lineAnswerRoutes, lineRoutes } from "../../intake/line/index.js";
import { mailNotices, mailRoutes } from "../../intake/mail/mail.routes.js";
import { paperRoutes } from "../../intake/paper/paper.routes.js";
import type { WebIntakeDeps } from "../../intake/web/submit-web-request.js";
import { webIntakeRoutes } from "../../intake/web/web.routes.js";
import { registerRoutes } from "../../register/register.routes.js";
import { staffRoutes } from "../../staff/index.js";
import { errorHandler } from "./error-handler.js";
import { parseUrlencoded } from "./form-fields.js";
import type { MultipartLimits } from "./multipart.js";
import { agencyResolver } from "./request-context.js";
import { checkUrlInput } from "./url-input.js";

export interface AppOptions {
  intake: WebIntakeDeps;
  /** LINE webhook (CH-10): the processor of stored events, and where channel secrets are read. */
  line: { processor: LineProcessor; env: NodeJS.ProcessEnv; log: (msg: string) => void };
  limits: MultipartLimits;
  defaultAgency?: string;
  logger?: FastifyServerOptions["logger"];
}

/** The HTTP application: public pages and the API, for every agency of the install. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: true,
    bodyLimit: Math.ceil(options.limits.maxRequestBytes * 1.4), // JSON attachments are base64
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const handleError = errorHandler(options.limits);
  app.setErrorHandler(handleError);
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
  await app.register(swaggerUi, { routePrefix: "/docs" });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ ok: true }));

  const resolveAgency = agencyResolver(options.intake.handle.db, options.defaultAgency);
  for (const prefix of ["", "/a/:agency"]) {
    await app.register(
      async (scope) => {
        scope.addHook("onRequest", resolveAgency);
        await webIntakeRoutes(scope, { deps: options.intake, limits: options.limits });
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
          notices: (req) => mailNotices(handle, clock, req),
        });
        await mailRoutes(scope, { deps: options.intake, files });
        const lineDeps = { ...options.intake, env: options.line.env, log: options.line.log };
        await lineRoutes(scope, { deps: lineDeps, processor: options.line.processor });
        await lineAnswerRoutes(scope, { deps: lineDeps });
        await paperRoutes(scope, { handle, clock, files, limits: options.limits });
        await agencyAdminRoutes(scope, { handle, clock, limits: options.limits });
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
