import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../test/service.js";
import { createHttpServer } from "../platform/http/http-server.js";
import { newProcessIdentity, recordHeartbeat, removeHeartbeat } from "../platform/leases/index.js";
import { operationsRoutes } from "./index.js";

const TOKEN = "ops-token-for-the-test-0123456789";
const OUTSIDE = "203.0.113.9";

/** Every sample line of Prometheus text format 0.0.4: `name{labels} value` (NaN in any case, as Go parses it). */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.]+(e[+-]?\d+)?|NaN|[+-]Inf)$/i;

function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    expect(line).toMatch(SAMPLE);
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe.each(testDialects())("the operators' routes on %s", (dialect) => {
  let service: TestService;
  const worker = newProcessIdentity("worker", new Date());
  beforeAll(async () => {
    service = await startTestService(dialect, {
      env: { OPS_TOKEN_ENV: "BORIKAN_TEST_OPS_TOKEN", BORIKAN_TEST_OPS_TOKEN: TOKEN },
    });
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });
  const get = (url: string, more: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    service.app.inject({ method: "GET", url, ...more });

  it("says a web-only process is not ready while no worker beats, naming the check, then ready", async () => {
    const before = await get("/readyz");
    expect(before.statusCode).toBe(503);
    expect(before.headers["retry-after"]).toBe("5");
    expect(before.json()).toMatchObject({ status: "not_ready", failing: ["workers"] });
    expect(before.json().checks.database.status).toBe("ok");
    // A web process's own beat is not a worker's.
    const web = newProcessIdentity("web", new Date());
    await recordHeartbeat(service.handle.db, web, service.clock.now());
    expect((await get("/readyz")).statusCode).toBe(503);
    await recordHeartbeat(service.handle.db, worker, service.clock.now());
    const after = await get("/readyz");
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ status: "ready", failing: [] });
    expect(after.json().checks.workers).toMatchObject({ status: "ok", alive: 1 });
    expect(after.headers["cache-control"]).toBe("no-store");
    await removeHeartbeat(service.handle.db, web);
  });

  it("says not ready, naming storage, when the file store's check fails, and no error text", async () => {
    const check = service.files.check;
    service.files.check = async () => {
      throw new Error("bucket at secret-host.internal refused");
    };
    try {
      const res = await get("/readyz");
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ failing: ["storage"], checks: { storage: { error: "error" } } });
      expect(res.body).not.toContain("secret-host");
    } finally {
      service.files.check = check;
    }
    expect((await get("/readyz")).statusCode).toBe(200);
  });

  it("says not ready, naming the database, when it is closed, within the check's time limit", async () => {
    const closed = service.database.reopen();
    // Opened for real first: closing a handle never used leaves it to open again on the next query.
    await sql`select 1`.execute(closed.db);
    await closed.close();
    const app = await createHttpServer({
      limits: { maxFileBytes: 1e6, maxRequestBytes: 1e6, maxFiles: 1 },
      https: false,
    });
    await operationsRoutes(app, {
      db: closed.db,
      checkStorage: async () => {},
      role: "all",
      heartbeatMs: 5000,
      access: { allowFrom: ["127.0.0.1/32"] },
      now: () => new Date(),
      checkTimeoutMs: 1000,
    });
    const started = Date.now();
    const res = await app.inject({ method: "GET", url: "/readyz" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.statusCode).toBe(503);
    expect(res.json().failing).toEqual(["database"]);
    // An all-in-one process does its own background work: its workers' check only warns.
    expect(res.json().checks.workers.status).toBe("warn");
    await app.close();
  });

  it("serves Prometheus text that counts a request by route pattern, with the queues' figures", async () => {
    const track = "/track/not-a-real-token?t=secret-in-query";
    await get(track);
    await get("/healthz");
    const first = parsePrometheus((await get("/metrics")).body);
    await get("/healthz");
    const res = await get("/metrics");
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(res.body);
    const healthz = 'borikan_http_requests_total{method="GET",route="/healthz",status="2xx"}';
    expect(samples.get(healthz)).toBe((first.get(healthz) ?? 0) + 1);
    expect(res.body).not.toContain("secret-in-query");
    expect(res.body).not.toContain("not-a-real-token");
    expect(samples.get('borikan_outbox_messages{state="pending"}')).toBe(0);
    expect(samples.get('borikan_line_events{state="failed"}')).toBe(0);
    expect(samples.get('borikan_licence_deliveries{state="queued"}')).toBe(0);
    expect(samples.get("borikan_oldest_unacknowledged_seconds")).toBe(0);
    expect(samples.get('borikan_processes_alive{role="worker"}')).toBe(1);
    for (const read of ["outbox", "line_events", "deliveries", "acknowledgements", "mailboxes", "heartbeats"])
      expect(samples.get(`borikan_ops_read_up{read="${read}"}`)).toBe(1);
    expect(samples.has("borikan_process_cpu_user_seconds_total")).toBe(true);
  });

  it("answers 404 to an address not allowed, unless it shows the token; a forwarded header is not believed", async () => {
    for (const url of ["/readyz", "/metrics"]) {
      expect((await get(url, { remoteAddress: OUTSIDE })).statusCode).toBe(404);
      const forged = { remoteAddress: OUTSIDE, headers: { "x-forwarded-for": "127.0.0.1" } };
      expect((await get(url, forged)).statusCode).toBe(404);
      const wrong = { remoteAddress: OUTSIDE, headers: { authorization: `Bearer ${TOKEN}x` } };
      expect((await get(url, wrong)).statusCode).toBe(404);
      const right = { remoteAddress: OUTSIDE, headers: { authorization: `Bearer ${TOKEN}` } };
      expect((await get(url, right)).statusCode).toBe(200);
      expect((await get(url, { remoteAddress: "::1" })).statusCode).toBe(200);
      expect((await get(url, { remoteAddress: "::ffff:127.0.0.1" })).statusCode).toBe(200);
    }
    // Liveness stays open to the load balancer from anywhere.
    expect((await get("/healthz", { remoteAddress: OUTSIDE })).statusCode).toBe(200);
  });

  it("behind a trusted proxy, checks the client it names, not the proxy's own loopback address", async () => {
    const app = await createHttpServer({
      limits: { maxFileBytes: 1e6, maxRequestBytes: 1e6, maxFiles: 1 },
      https: false,
      trustProxy: ["127.0.0.1"],
    });
    await operationsRoutes(app, {
      db: service.handle.db,
      checkStorage: async () => {},
      role: "all",
      heartbeatMs: 5000,
      access: { allowFrom: ["127.0.0.1/32", "::1/128"], token: TOKEN },
      now: () => new Date(),
    });
    const viaProxy = (xff?: string, auth?: string) =>
      app.inject({
        method: "GET",
        url: "/metrics",
        remoteAddress: "127.0.0.1",
        headers: { ...(xff && { "x-forwarded-for": xff }), ...(auth && { authorization: auth }) },
      });
    expect((await viaProxy(OUTSIDE)).statusCode).toBe(404);
    // A client's own "127.0.0.1" is not believed: the proxy appends the address it saw.
    expect((await viaProxy(`127.0.0.1, ${OUTSIDE}`)).statusCode).toBe(404);
    expect((await viaProxy(OUTSIDE, `Bearer ${TOKEN}`)).statusCode).toBe(200);
    expect((await viaProxy()).statusCode).toBe(200);
    await app.close();
  });

  it("echoes a well-formed X-Request-Id and replaces one that is not", async () => {
    const given = await get("/healthz", { headers: { "x-request-id": "lb-7f3a9c21.0042" } });
    expect(given.headers["x-request-id"]).toBe("lb-7f3a9c21.0042");
    const bad = await get("/nowhere", { headers: { "x-request-id": "a b\tc<script>" } });
    expect(bad.statusCode).toBe(404);
    expect(bad.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("never answers the ops routes with a 5xx, whatever the headers, tokens and query strings (seeded)", async () => {
    await recordHeartbeat(service.handle.db, worker, service.clock.now());
    const header = fc.oneof(textValue, fc.constant(`Bearer ${TOKEN}`), fc.constant("Bearer "));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/readyz", "/metrics", "/healthz"),
        fuzzQuery,
        fc.constantFrom("127.0.0.1", OUTSIDE, "::1", "10.1.2.3"),
        header,
        textValue,
        async (path, query, remoteAddress, authorization, other) => {
          const headers = { authorization, "x-request-id": other, "x-forwarded-for": other };
          const res = await get(`${path}?${query}`, {
            remoteAddress,
            headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => !/[\r\n\0]/.test(v))),
          });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { seed: 18_06, numRuns: 60 },
    );
  });
});
