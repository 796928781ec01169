import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../http/http-server.js";
import { isDatabaseUnavailable } from "./connection-errors.js";

/** A port nothing listens on: taken from the kernel, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("the database out of reach", () => {
  let app: Awaited<ReturnType<typeof createHttpServer>>;
  let refused: unknown;
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: `postgres://x@127.0.0.1:${await closedPort()}/x` });
    refused = await client.connect().catch((error: unknown) => error);
    app = await createHttpServer({
      limits: { maxRequestBytes: 1024 * 1024, maxFiles: 1, maxFileBytes: 1024 * 1024 },
      https: false,
    });
    app.get("/refused", async () => {
      throw refused;
    });
    app.get("/shutdown", async () => {
      // What PostgreSQL sends to every session when it is stopped fast (pg_ctl stop -m fast).
      throw Object.assign(new Error("terminating connection due to administrator command"), {
        code: "57P01",
      });
    });
    app.get("/bug", async () => {
      throw Object.assign(new Error('relation "nope" does not exist'), { code: "42P01" });
    });
  });
  afterAll(() => app.close());

  it("is recognised from node-postgres's own errors, not from a query that is wrong", () => {
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it("is answered 503 with Retry-After in the user's language; a wrong query stays a 500", async () => {
    for (const url of ["/refused", "/shutdown"]) {
      const res = await app.inject({ url, headers: { "accept-language": "en" } });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers["retry-after"], url).toBe("5");
      expect(res.json().error).toEqual({
        code: "DATABASE_UNAVAILABLE",
        message: "The database is briefly unavailable. Please try again in 5 seconds.",
      });
    }
    const thai = await app.inject({
      url: "/shutdown",
      headers: { accept: "text/html", "accept-language": "th" },
    });
    expect(thai.statusCode).toBe(503);
    expect(thai.body).toContain("ระบบฐานข้อมูลไม่พร้อมให้บริการชั่วคราว");
    const bug = await app.inject({ url: "/bug" });
    expect(bug.statusCode).toBe(500);
    expect(bug.headers["retry-after"]).toBeUndefined();
  });
});
