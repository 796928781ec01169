import type { FastifyInstance } from "fastify";
import { createMetricsRegistry, processMetrics, registerHttpMetrics } from "../platform/http/http-metrics.js";
import { opsAccessHook } from "../platform/http/ops-access.js";
import { checkReadiness } from "./check-readiness.js";
import type { OpsDeps } from "./ops-deps.js";
import { registerOpsMetrics } from "./ops-metrics.js";

/**
 * The operators' routes, on the app's root (not per agency): `/readyz` for the load balancer and
 * `/metrics` for Prometheus, both only for OPS_ALLOW_FROM or the OPS_TOKEN_ENV token (404 otherwise);
 * `/healthz` (liveness, no database) is the HTTP server's own. Call it before the capabilities' routes:
 * the request metrics' hook counts only routes registered after it.
 */
export async function operationsRoutes(app: FastifyInstance, deps: OpsDeps): Promise<void> {
  const registry = createMetricsRegistry();
  registerHttpMetrics(app, registry);
  const refresh = registerOpsMetrics(registry, deps, (read, error) =>
    app.log.warn({ err: error, read }, "metrics: a figure could not be read"),
  );
  await app.register(async (scope) => {
    scope.addHook("onRequest", opsAccessHook(deps.access));
    // Never cached: a stale "ready" would keep a dead process in the load balancer.
    scope.addHook("onSend", async (_req, reply) => {
      reply.header("cache-control", "no-store");
    });
    scope.get("/readyz", { schema: { hide: true } }, async (req, reply) => {
      const readiness = await checkReadiness(deps, (check, error) =>
        req.log.warn({ err: error, check }, "readyz: a check failed"),
      );
      if (!readiness.ready) reply.code(503).header("retry-after", "5");
      return { status: readiness.ready ? "ready" : "not_ready", ...readiness };
    });
    scope.get("/metrics", { schema: { hide: true } }, async (_req, reply) => {
      await refresh();
      reply.type(registry.contentType);
      // Two registries, no name in both: their texts joined are one valid exposition.
      return `${await processMetrics().metrics()}\n${await registry.metrics()}`;
    });
  });
}
