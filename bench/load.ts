import http from "node:http";
import { performance } from "node:perf_hooks";

/**
 * A closed-loop load generator on node:http: `concurrency` clients, each on its own keep-alive socket,
 * send one request, wait for the whole answer, send the next. It stops after `count` requests or
 * `durationMs`, whichever comes first, and only ever talks to 127.0.0.1.
 */
export interface LoadOptions {
  port: number;
  path: string;
  /** The path of request `index`, when requests differ (e.g. GETs of different pages); else `path`. */
  pathOf?(index: number): string;
  /** POST (default, with `body`) or GET (no body). */
  method?: "POST" | "GET";
  concurrency: number;
  count: number;
  durationMs: number;
  /** Index of the first request (so warm-up and measurement never reuse a body or key). */
  firstIndex: number;
  contentType: string;
  body(index: number): Buffer;
  headers(index: number): Record<string, string>;
  /** The status a success answers with. */
  expectStatus: number;
  /** Called with the body of the first successful answer (to check what the server made of it). */
  onFirstSuccess?(body: string): void;
  timeoutMs?: number;
  /**
   * Mean pause of a client after an answer before its next request, ms: random, exponentially distributed
   * (capped at 10× the mean), so clients do not fall into step. Default 0: a closed loop at full speed.
   */
  thinkMs?: number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  /** Status codes and network errors other than success, with how often. */
  errorKinds: Record<string, number>;
  elapsedMs: number;
  /** Latency of every successful request, ms, sorted. */
  latencies: Float64Array;
  /** A few bodies of failed answers, to show what went wrong. */
  samples: string[];
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/**
 * p50 and p99 of `n` sequential calls, in-process, after up to 50 warm-up calls, as a Markdown cell pair
 * ("1.23 ms | 4.56 ms"): the page and bare-query timings of the #16 benches.
 */
export async function measureCalls(n: number, one: (i: number) => Promise<unknown>): Promise<string> {
  for (let i = 0; i < Math.min(50, n); i++) await one(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await one(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const sorted = Float64Array.from(times).sort();
  return `${percentile(sorted, 50).toFixed(2)} ms | ${percentile(sorted, 99).toFixed(2)} ms`;
}

function send(
  agent: http.Agent,
  options: LoadOptions,
  index: number,
  wantBody: boolean,
): Promise<{ status: number; body: string }> {
  const method = options.method ?? "POST";
  const body = method === "POST" ? options.body(index) : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: options.port,
        path: options.pathOf ? options.pathOf(index) : options.path,
        method,
        agent,
        headers: {
          ...(body ? { "content-type": options.contentType, "content-length": String(body.length) } : {}),
          ...options.headers(index),
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const keep = wantBody || status !== options.expectStatus;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          if (keep) chunks.push(chunk);
        });
        res.on("end", () => resolve({ status, body: keep ? Buffer.concat(chunks).toString("utf8") : "" }));
        res.on("error", reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies = new Float64Array(options.count);
  const errorKinds: Record<string, number> = {};
  const samples: string[] = [];
  let next = 0;
  let ok = 0;
  let errors = 0;
  let sawSuccess = false;
  const start = performance.now();
  const deadline = start + options.durationMs;
  let lastEnd = start;

  const client = async () => {
    while (next < options.count && performance.now() < deadline) {
      const index = options.firstIndex + next++;
      const t0 = performance.now();
      try {
        const wantBody = !sawSuccess && options.onFirstSuccess !== undefined;
        const { status, body } = await send(agent, options, index, wantBody);
        const t1 = performance.now();
        lastEnd = t1;
        if (status === options.expectStatus) {
          latencies[ok++] = t1 - t0;
          if (wantBody && !sawSuccess) {
            sawSuccess = true;
            options.onFirstSuccess?.(body);
          }
        } else {
          errors++;
          errorKinds[`HTTP ${status}`] = (errorKinds[`HTTP ${status}`] ?? 0) + 1;
          if (samples.length < 3) samples.push(`HTTP ${status}: ${body.slice(0, 500)}`);
        }
      } catch (error) {
        lastEnd = performance.now();
        errors++;
        const kind = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        if (samples.length < 3) samples.push(String(error));
      }
      const think = options.thinkMs ?? 0;
      if (think > 0 && next < options.count) {
        const pause = Math.min(10 * think, -think * Math.log(1 - Math.random()));
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  agent.destroy();
  const measured = latencies.slice(0, ok).sort();
  return {
    requests: ok + errors,
    ok,
    errors,
    errorKinds,
    elapsedMs: lastEnd - start,
    latencies: measured,
    samples,
  };
}
