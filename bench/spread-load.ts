import { type LoadOptions, type LoadResult, runLoad } from "./load.js";

/**
 * #18: the closed-loop load of bench/load.ts spread over several server processes on one machine, as a
 * load balancer in front of them would: process i gets its share of the clients and of the requests (request
 * indexes never repeat, so every body and idempotency key stays unique), and the results are merged as if
 * one generator had run. With one port it is runLoad itself.
 */
export async function runSpread(options: LoadOptions, ports: number[]): Promise<LoadResult> {
  if (ports.length <= 1) return runLoad({ ...options, port: ports[0] ?? options.port });
  const share = (total: number, i: number) =>
    Math.floor(total / ports.length) + (i < total % ports.length ? 1 : 0);
  let first = options.firstIndex;
  const parts = await Promise.all(
    ports.map((port, i) => {
      const count = share(options.count, i);
      const part: LoadOptions = {
        ...options,
        port,
        concurrency: Math.max(1, share(options.concurrency, i)),
        count,
        firstIndex: first,
        // Only the first part reports its first answer (the caller logs one receipt).
        onFirstSuccess: i === 0 ? options.onFirstSuccess : undefined,
      };
      first += count;
      return count > 0 ? runLoad(part) : Promise.resolve(undefined);
    }),
  );
  return mergeResults(parts.filter((p): p is LoadResult => p !== undefined));
}

export function mergeResults(parts: LoadResult[]): LoadResult {
  const errorKinds: Record<string, number> = {};
  for (const p of parts)
    for (const [kind, n] of Object.entries(p.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
  const latencies = new Float64Array(parts.reduce((sum, p) => sum + p.latencies.length, 0));
  let at = 0;
  for (const p of parts) {
    latencies.set(p.latencies, at);
    at += p.latencies.length;
  }
  return {
    requests: parts.reduce((sum, p) => sum + p.requests, 0),
    ok: parts.reduce((sum, p) => sum + p.ok, 0),
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    errorKinds,
    // The parts ran side by side: the run lasted as long as the longest of them.
    elapsedMs: Math.max(0, ...parts.map((p) => p.elapsedMs)),
    latencies: latencies.sort(),
    samples: parts.flatMap((p) => p.samples).slice(0, 3),
  };
}
