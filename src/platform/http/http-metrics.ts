import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

let processRegistry: Registry | undefined;

/**
 * Node's own metrics of this process (event loop lag, heap, GC, handles, CPU), in one registry made once
 * per process: each of them starts an observer, and tests build many apps in one process.
 */
export function processMetrics(prefix = "borikan_"): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix });
  }
  return processRegistry;
}

/** An app's own metrics: a registry per app, not prom-client's global one, so that apps never clash. */
export function createMetricsRegistry(): Registry {
  return new Registry();
}

/**
 * Counts every answered request by method, route pattern and status class (`2xx`…), with its latency.
 * Labels are bounded on purpose: the route's pattern (never the URL: it carries tokens, and every
 * distinct URL would be a new series), `unmatched` for a 404 of no route, `other` for odd methods.
 */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry, prefix = "borikan_"): void {
  const requests = new Counter({
    name: `${prefix}http_requests_total`,
    help: "HTTP requests answered, by method, route pattern and status class",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: "Time from the request's arrival to its answer, by method and route pattern",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook("onResponse", async (req, reply) => {
    const method = METHODS.has(req.method) ? req.method : "other";
    const route = req.routeOptions?.url ?? "unmatched";
    requests.inc({ method, route, status: `${Math.floor(reply.statusCode / 100)}xx` });
    latency.observe({ method, route }, reply.elapsedTime / 1000);
  });
}
