import type { Check } from "./province-checks.js";
import { MIX, type TrafficResult } from "./province-traffic.js";
import { markdownTable } from "./report.js";

/** One run of the province at one count of web processes. */
export interface ProvinceRun {
  web: number;
  workers: number;
  dialect: string;
  setupMs: number;
  traffic: TrafficResult;
  drainMs: number;
  checks: Check[];
}

const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Requests answered by Borikan (the IMAP appends are load, not Borikan's answers). */
export function httpOk(run: ProvinceRun): number {
  return run.traffic.paths.filter((p) => !p.path.startsWith("mail")).reduce((sum, p) => sum + p.ok, 0);
}

export function mixText(scale: number): string {
  return Object.entries(MIX)
    .map(([kind, n]) => `${n * scale} ${kind}`)
    .join(", ");
}

/** Per path: requests, req/s, p50, p99, errors; then the run's throughput and checks. */
export function runTable(run: ProvinceRun): string {
  const seconds = run.traffic.elapsedMs / 1000;
  const rows = run.traffic.paths.map((p) => [
    p.path,
    String(p.ok + p.errors),
    f(p.ok / seconds),
    f(percentile(p.latencies, 50)),
    f(percentile(p.latencies, 99)),
    p.errors === 0 ? "0" : `${p.errors} ${JSON.stringify(p.errorKinds)}`,
  ]);
  return markdownTable(["path", "requests", "req/s", "p50 ms", "p99 ms", "errors"], rows);
}

export function summary(runs: ProvinceRun[]): string {
  const lines: string[] = [];
  const rows = runs.map((r) => {
    const perSecond = httpOk(r) / (r.traffic.elapsedMs / 1000);
    const one = runs.find((x) => x.web === 1);
    const speedUp = one ? perSecond / (httpOk(one) / (one.traffic.elapsedMs / 1000)) : Number.NaN;
    return [
      `${r.web} web + ${r.workers} workers`,
      r.dialect,
      f(r.setupMs / 1000),
      String(httpOk(r)),
      f(perSecond),
      one ? `${f(speedUp, 2)}×` : "",
      f(r.drainMs / 1000),
      r.checks.every((c) => c.ok) ? "all OK" : "FAILED",
    ];
  });
  lines.push(
    markdownTable(
      ["processes", "db", "setup s", "HTTP answers ok", "req/s", "vs 1 web", "drain s", "checks"],
      rows,
    ),
  );
  return lines.join("\n");
}

export function runText(run: ProvinceRun): string {
  return [
    `### ${run.web} web + ${run.workers} workers (${run.dialect})`,
    "",
    runTable(run),
    "",
    `Mails appended ${run.traffic.mailsAppended}, LINE conversations ${run.traffic.lineConversations}; ` +
      `the workers drained the rest in ${f(run.drainMs / 1000)} s after the traffic stopped.`,
    "",
    ...run.checks.map((c) => `- ${c.ok ? "OK" : "MISMATCH"}: ${c.text}`),
  ].join("\n");
}
