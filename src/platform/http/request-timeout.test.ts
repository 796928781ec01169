import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestService, type TestService } from "../../../test/service.js";

// Found by holding a POST open with half its declared Content-Length: the connection stayed open for
// good (Fastify's default requestTimeout of 0 turns Node's limit off), so a few such clients could hold
// every socket of the service.
describe.each(testDialects())("an unfinished request on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
  });
  afterAll(() => service.stop());

  it("SC-1: is given up after a bounded time, long enough for a slow upload", () => {
    const timeout = service.app.server.requestTimeout;
    expect(timeout).toBeGreaterThanOrEqual(120_000);
    expect(timeout).toBeLessThanOrEqual(600_000);
  });
});
