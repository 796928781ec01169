import os from "node:os";
import { describe, expect, it } from "vitest";
import { createHttpServer } from "../http/http-server.js";
import { createProcessLogger, logLines, processLevel, requestLogger } from "./process-log.js";

const identity = { processId: "host-a:4242:abcdefgh", role: "worker" };

/** A logger writing into an array of parsed lines (each must be one JSON object), not stdout. */
function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write(chunk: string) {
      for (const line of chunk.split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    },
  };
  return { lines, logger: createProcessLogger({ level, identity, destination }) };
}

describe("the process's log (#18 opslog)", () => {
  it("writes one JSON object per line with time, level, pid, hostname and the process identity", () => {
    const { lines, logger } = capture("info");
    const log = logLines(logger);
    log("Borikan worker is running (database: sqlite)");
    log("demo admin: admin@demo.example / Temp-Pass-123");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: "info",
      pid: process.pid,
      hostname: os.hostname(),
      processId: "host-a:4242:abcdefgh",
      role: "worker",
      msg: "Borikan worker is running (database: sqlite)",
    });
    expect(new Date(String(lines[0]?.time)).toISOString()).toBe(lines[0]?.time);
    // The first start's sign-in stays readable in the line's msg.
    expect(lines[1]?.msg).toBe("demo admin: admin@demo.example / Temp-Pass-123");
  });

  it("gives a line that plainly reports a failure the error level, and one about a retry or warning warn", () => {
    const { lines, logger } = capture("info");
    const log = logLines(logger);
    log("outbox: Error: connect ECONNREFUSED 127.0.0.1:25");
    log("line: event 01X failed: TypeError: x is undefined");
    log("warning: the holiday list of 2028 is not confirmed");
    log("web process 77 exited (SIGKILL); restarting in 0 ms");
    log("e-receipt r1: not issued, will try again: Error: signer down");
    log('published 12 demo services in the catalogue of "demo"');
    expect(lines.map((l) => l.level)).toEqual(["error", "error", "warn", "warn", "warn", "info"]);
  });

  it("never quiets the process's own lines below info, while LOG_LEVEL silences the request lines", async () => {
    expect([processLevel("silent"), processLevel("warn"), processLevel("debug"), processLevel("x")]).toEqual([
      "info",
      "info",
      "debug",
      "info",
    ]);
    const { lines, logger } = capture("silent");
    const app = await createHttpServer({
      limits: { maxFileBytes: 1e6, maxRequestBytes: 1e6, maxFiles: 1 },
      https: false,
      loggerInstance: requestLogger(logger, "silent"),
    });
    await app.inject({ method: "GET", url: "/healthz" });
    logLines(logger)("Borikan is serving on http://borikan.test");
    expect(lines.map((l) => l.msg)).toEqual(["Borikan is serving on http://borikan.test"]);
    await app.close();
  });

  it("puts the process identity and the request id on Fastify's request lines, with no URL", async () => {
    const { lines, logger } = capture("info");
    const app = await createHttpServer({
      limits: { maxFileBytes: 1e6, maxRequestBytes: 1e6, maxFiles: 1 },
      https: false,
      loggerInstance: requestLogger(logger, "info"),
    });
    app.get("/track/:token", async () => ({ ok: true }));
    await app.inject({
      method: "GET",
      url: "/track/tok-SECRET?resume=SECRET2",
      headers: { "x-request-id": "proxy-87654321" },
    });
    const mine = lines.filter((l) => l.reqId === "proxy-87654321");
    expect(mine.map((l) => l.msg)).toEqual(["incoming request", "request completed"]);
    for (const line of mine)
      expect(line).toMatchObject({ level: "info", processId: "host-a:4242:abcdefgh", role: "worker" });
    expect(mine[0]?.req).toEqual({ method: "GET", route: "/track/:token" });
    expect(JSON.stringify(lines)).not.toMatch(/SECRET/);
    await app.close();
  });
});
