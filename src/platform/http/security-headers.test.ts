import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { REQUEST_WITH_FILE, submitRequest } from "../../../test/factories.js";
import { type OfficeClient, signedInChief } from "../../../test/office.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../clock.js";

/** Every route of the app as "METHOD /path", read from Fastify's own route tree. */
function listRoutes(app: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = stack.join("") + m[2]!;
    stack.push(m[2]!);
    for (const method of (m[3] ?? "").split(", "))
      if (method === "GET" || method === "POST") routes.push({ method, path });
  }
  return routes;
}

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );

/** What is wrong with a response's security headers ([] when nothing). */
function headerProblems(res: LightMyRequestResponse, https = false): string[] {
  const problems: string[] = [];
  const csp = directives(String(res.headers["content-security-policy"] ?? ""));
  if (csp.get("frame-ancestors")?.join(" ") !== "'none'") problems.push("frame-ancestors is not 'none'");
  const scripts = csp.get("script-src") ?? csp.get("default-src");
  if (!scripts) problems.push("no script-src or default-src");
  if (scripts?.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'"))
    problems.push(`script-src allows ${scripts.join(" ")}`);
  if (res.headers["x-content-type-options"] !== "nosniff") problems.push("no nosniff");
  if (res.headers["referrer-policy"] !== "no-referrer") problems.push("Referrer-Policy is not no-referrer");
  if (Boolean(res.headers["strict-transport-security"]) !== https)
    problems.push(https ? "no HSTS over https" : "HSTS over http");
  return problems;
}

describe.each(testDialects())("security headers on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  let ids: Record<string, string>;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const { receiptNumber, entryId, fileId } = await submitRequest(service, REQUEST_WITH_FILE);
    const [beYear, sequence] = receiptNumber.split("/").reverse();
    ids = {
      agency: "demo",
      id: entryId,
      fileId: fileId!,
      beYear: beYear!,
      sequence: sequence!,
      "*": "swagger-ui.css",
    };
    admin = await signedInChief(service, clock);
  });
  afterAll(() => service?.stop());

  const url = (path: string) => path.replace(/:(\w+)|\*/g, (whole, name?: string) => ids[name ?? whole]!);

  it("SC-1: every route answers with the security headers, signed in or not, success or error", async () => {
    const routes = listRoutes(service.app);
    expect(routes.length).toBeGreaterThan(60);
    const seen = new Set<number>();
    const problems: string[] = [];
    for (const { method, path } of routes) {
      const responses = [
        await service.app.inject({
          method: method as "GET",
          url: url(path),
          headers: { accept: "text/html" },
        }),
        method === "GET" ? await admin.get(url(path)) : await admin.post(url(path), {}, { csrf: null }),
        await service.app.inject({ method: method as "GET", url: `${url(path)}?lang=en` }),
      ];
      for (const res of responses) {
        seen.add(res.statusCode);
        for (const p of headerProblems(res)) problems.push(`${method} ${path} → ${res.statusCode}: ${p}`);
      }
    }
    for (const extra of ["/no-such-page", "/a/no-such-agency/", "/docs"]) {
      const res = await service.app.inject({ url: extra, headers: { accept: "text/html" } });
      seen.add(res.statusCode);
      for (const p of headerProblems(res)) problems.push(`GET ${extra} → ${res.statusCode}: ${p}`);
    }
    expect(problems).toEqual([]);
    // Pages, redirects, refusals and not-found answers were all among them.
    for (const status of [200, 302, 303, 400, 401, 403, 404]) expect(seen).toContain(status);
  });

  it("SC-1: pages run no script and admit only their own stylesheet; /docs loads swagger-ui's scripts from this origin", async () => {
    const page = await service.app.inject({ url: "/", headers: { accept: "text/html" } });
    const csp = directives(String(page.headers["content-security-policy"]));
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("style-src")?.join(" ")).toMatch(/^'self' 'sha256-[\w+/=]+'$/);
    expect(page.body).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    expect(page.headers["x-frame-options"]).toBe("DENY");
    const docs = await service.app.inject({ url: "/docs/" });
    expect(docs.body).not.toMatch(/<script>|<script [^>]*>[^<\s]/);
    expect(directives(String(docs.headers["content-security-policy"])).get("script-src")).toEqual(["'self'"]);
  });

  it("SC-1: received files and exports download in a sandbox that may load nothing", async () => {
    for (const path of [
      `/office/entries/${ids.id}/files/${ids.fileId}`,
      "/office/register.csv",
      "/office/register.xlsx",
    ]) {
      const res = await admin.get(path);
      expect(res.statusCode, path).toBe(200);
      const csp = directives(String(res.headers["content-security-policy"]));
      expect(csp.has("sandbox"), path).toBe(true);
      expect(csp.get("default-src"), path).toEqual(["'none'"]);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("SC-1: HSTS is sent only when PUBLIC_URL is https", async () => {
    const secure = await startTestService(dialect, { clock, env: { PUBLIC_URL: "https://borikan.test" } });
    try {
      for (const path of ["/", "/office/login", "/no-such-page", "/healthz"]) {
        const res = await secure.app.inject({ url: path, headers: { accept: "text/html" } });
        expect(headerProblems(res, true), path).toEqual([]);
        expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
      }
    } finally {
      await secure.stop();
    }
    expect(headerProblems(await service.app.inject({ url: "/" }))).toEqual([]);
  });
});
