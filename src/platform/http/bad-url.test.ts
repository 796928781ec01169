import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestService, type TestService } from "../../../test/service.js";

// Fastify answers a URL it cannot decode before any hook or the error handler runs: without
// `frameworkErrors` the answer had neither our error shape nor the security headers.
describe.each(testDialects())("a URL that cannot be decoded on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
  });
  afterAll(() => service.stop());

  it("SC-1: is a 400 URL_INVALID with the security headers, in the request's language", async () => {
    const res = await service.app.inject({
      method: "GET",
      url: "/%E0%A4%A",
      headers: { "accept-language": "en" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("URL_INVALID");
    expect(res.json().error.message).not.toMatch(/[\u0E00-\u0E7F]/);
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("SC-1: a person's browser gets a page, not JSON", async () => {
    const res = await service.app.inject({
      method: "GET",
      url: "/a/demo/requests/%FF",
      headers: { accept: "text/html" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("URL_INVALID");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("SC-1: a number too large for any number (1e309, Infinity) is a 400, never reaching the database", async () => {
    for (const url of [
      "/api/v1/requests/1e309/1e309?t=abc",
      "/api/v1/requests/2569/1e309?t=abc",
      "/api/v1/requests/2569/Infinity?t=abc",
    ]) {
      const res = await service.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe("VALIDATION_FAILED");
    }
  });
});
