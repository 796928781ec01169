import fs from "node:fs";
import type { PgActivity } from "./pg-activity.js";

export interface RunResult {
  db: "sqlite" | "postgres";
  variant: "borikan" | "bare";
  requests: number;
  ok: number;
  errors: number;
  errorKinds: Record<string, number>;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Server process CPU (user + system) per successful request, ms. */
  serverCpuMsPerReq: number;
  /** Share of wall time the server's event loop was busy. */
  eventLoopUtilization: number;
  /** Share of both cores busy (whole machine: server, client, PostgreSQL). */
  machineBusy: number;
  verification: string;
  verified: boolean;
  /** PostgreSQL only: mean sessions waiting on a lock / idle in a transaction while measured. */
  pgActivity?: PgActivity;
  /** #18 province: "Borikan ×N" when the server ran as N processes (unset: the variant, one process). */
  label?: string;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

/** Borikan's req/s over bare's for the same database, when both ran. */
export function ratio(results: RunResult[], db: string): number | undefined {
  const b = results.find((r) => r.db === db && r.variant === "borikan");
  const bare = results.find((r) => r.db === db && r.variant === "bare");
  return b && bare && bare.reqPerSec > 0 ? b.reqPerSec / bare.reqPerSec : undefined;
}

/** #18 province: a Borikan row's req/s (of one or of N processes) over bare's for the same database. */
function rowRatio(results: RunResult[], row: RunResult): number | undefined {
  const bare = results.find((r) => r.db === row.db && r.variant === "bare");
  return bare && bare.reqPerSec > 0 ? row.reqPerSec / bare.reqPerSec : undefined;
}

export function markdownTable(header: string[], rows: string[][]): string {
  const right = header.map((h, i) => i > 1 && h !== "");
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (right[i] ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

export function resultsTable(results: RunResult[]): string {
  return markdownTable(
    ["db", "variant", "requests", "req/s", "p50 ms", "p99 ms", "errors", "Borikan/bare"],
    results.map((r) => {
      const x = r.variant === "borikan" ? rowRatio(results, r) : undefined;
      return [
        r.db,
        r.label ?? r.variant,
        String(r.requests),
        fmt(r.reqPerSec),
        fmt(r.p50),
        fmt(r.p99),
        String(r.errors),
        x === undefined ? "" : `${x.toFixed(2)}×`,
      ];
    }),
  );
}

export function costTable(results: RunResult[]): string {
  return markdownTable(
    [
      "db",
      "variant",
      "server CPU ms/req",
      "server event loop busy",
      "both cores busy",
      "pg sessions: lock-waiting / idle in tx",
    ],
    results.map((r) => [
      r.db,
      r.label ?? r.variant,
      fmt(r.serverCpuMsPerReq, 2),
      `${fmt(100 * r.eventLoopUtilization, 0)}%`,
      `${fmt(100 * r.machineBusy, 0)}%`,
      r.pgActivity ? `${fmt(r.pgActivity.lockWaiting)} / ${fmt(r.pgActivity.idleInTransaction)}` : "",
    ]),
  );
}

export const SECTION_TITLE = "## Web submissions (issue #2)";

/** Writes `section` (which starts with `title`) into the file, replacing the section of that title. */
export function replaceSection(file: string, section: string, title = SECTION_TITLE): void {
  const intro =
    "# Benchmarks\n\nFigures measured with `npm run bench` (bench/run.ts). Each section is rewritten by the run that produced it.\n";
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : intro;
  const start = text.indexOf(title);
  let out: string;
  if (start < 0) {
    out = `${text.trimEnd()}\n\n${section.trimEnd()}\n`;
  } else {
    const after = text.slice(start + title.length);
    const next = after.search(/\n## /);
    const rest = next < 0 ? "" : after.slice(next + 1);
    out = `${text.slice(0, start)}${section.trimEnd()}\n${rest ? `\n${rest}` : ""}`;
  }
  fs.writeFileSync(file, out);
}
