import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createHttpServer } from "./http-server.js";

/** The server's log lines as JSON objects, written where a deployment's journal would read them. */
async function serverWithLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = await createHttpServer({
    limits: { maxFileBytes: 1e6, maxRequestBytes: 1e6, maxFiles: 1 },
    https: false,
    logger: { level: "info", stream } as never,
  });
  app.get("/track/:token", async (req) => {
    req.log.info("looked up");
    return { ok: true };
  });
  return { app, lines };
}

describe("request ids and the log's fields", () => {
  it("puts the caller's well-formed X-Request-Id on every line of its request, and no URL, query or cookie", async () => {
    const { app, lines } = await serverWithLog();
    const res = await app.inject({
      method: "GET",
      url: "/track/tok-SECRET?resume=SECRET2",
      headers: { "x-request-id": "proxy-12345678", cookie: "session=SECRET3" },
    });
    expect(res.headers["x-request-id"]).toBe("proxy-12345678");
    const mine = lines.filter((l) => l.reqId === "proxy-12345678");
    expect(mine.map((l) => l.msg)).toEqual(["incoming request", "looked up", "request completed"]);
    expect(mine[0]?.req).toEqual({ method: "GET", route: "/track/:token" });
    expect(JSON.stringify(lines)).not.toMatch(/SECRET/);
    await app.close();
  });

  it("gives a request without a usable id a fresh one, different each time", async () => {
    const { app, lines } = await serverWithLog();
    const ids = [];
    for (const given of [undefined, "short", "x".repeat(129), "has space 123456"]) {
      const headers = given === undefined ? {} : { "x-request-id": given };
      const res = await app.inject({ method: "GET", url: "/track/a", headers });
      ids.push(res.headers["x-request-id"]);
    }
    expect(new Set(ids).size).toBe(4);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lines.filter((l) => l.msg === "request completed").map((l) => l.reqId)).toEqual(ids);
    await app.close();
  });
});
