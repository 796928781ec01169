import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** What the proxy does to the next requests, or to all of them while the store is "down". */
export type Fault = "slowdown" | "internal" | "unavailable" | "drop";

export interface TestS3 {
  /** Env for the service: STORAGE_URL and the S3_* settings pointing at the proxy. */
  env: Record<string, string>;
  bucket: string;
  /** s3rver's own directory: where an object's bytes lie on disk (to tamper with them). */
  objectFile(key: string): string;
  /** Requests the proxy has seen (each SDK attempt is one). */
  requests(): number;
  /** The next `count` requests answered with `fault` instead of reaching the store. */
  failNext(count: number, fault: Fault): void;
  /** Every request answered 503 (or dropped) for `ms`, as a store that is down. */
  downFor(ms: number, fault?: Fault): void;
  up(): void;
  stop(): Promise<void>;
}

const ERRORS: Record<Exclude<Fault, "drop">, [number, string]> = {
  slowdown: [503, "SlowDown"],
  internal: [500, "InternalError"],
  unavailable: [503, "ServiceUnavailable"],
};

/**
 * A real S3-compatible server (s3rver) on loopback with one bucket, behind a small HTTP proxy that can
 * fail on demand (s3rver cannot): SlowDown, 500, 503, a dropped connection, or "down" for a while.
 */
export async function startTestS3(bucket = "borikan-test"): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port: storePort } = await server.run();
  let seen = 0;
  const queued: Fault[] = [];
  let down: { until: number; fault: Fault } | undefined;

  const proxy = http.createServer((req, res) => {
    seen++;
    const fault = queued.shift() ?? (down && Date.now() < down.until ? down.fault : undefined);
    if (fault === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault) {
      const [status, code] = ERRORS[fault];
      req.resume();
      res.writeHead(status, { "content-type": "application/xml" });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected</Message></Error>`,
      );
      return;
    }
    // Headers (Host included) pass unchanged, so the client's SigV4 signature still checks.
    const upstream = http.request(
      { host: "127.0.0.1", port: storePort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyPort = (proxy.address() as AddressInfo).port;

  return {
    bucket,
    env: {
      STORAGE_URL: `s3://${bucket}/files`,
      S3_ENDPOINT: `http://127.0.0.1:${proxyPort}`,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    },
    objectFile: (key) =>
      path.join(
        directory,
        bucket,
        ...path.dirname(`files/${key}`).split("/"),
        `${path.basename(key)}._S3rver_object`,
      ),
    requests: () => seen,
    failNext: (count, fault) => queued.push(...Array<Fault>(count).fill(fault)),
    downFor: (ms, fault = "unavailable") => {
      down = { until: Date.now() + ms, fault };
    },
    up: () => {
      down = undefined;
      queued.length = 0;
    },
    async stop() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      server.httpServer?.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
