/**
 * The dashboard benchmark (issue #16): `npm run bench -- dashboard [--entries 1000000] [--runs 7]
 * [--db sqlite,postgres] [--no-docs]` (or BENCH_DASHBOARD_ENTRIES). Seeds `--entries` register entries
 * over two years (matters, applications on three services, ~4 actions a matter, ratings for one closed
 * application matter in ten) by bulk inserts, then times the whole page `GET /office/dashboard`
 * in-process (app.inject: session, role guard, loadDashboard, the SVG charts and tables, the page shell)
 * for the head of agency (this month, fiscal year) and a supervisor bound to one unit (fiscal year),
 * p50/p99 over `--runs`, and `loadDashboard` alone (the figures' SQL); each figure's CSV once (fiscal year). Baseline: a bare `select count(*)` of the
 * period's entries on the same handle — the least any figure of that period must read. PostgreSQL: the
 * server named by TEST_PG_URL, else a throwaway one (scripts/pg-test-server.sh). Writes the table to
 * docs/benchmarks.md under "## #16 dashboards" unless --no-docs.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { listUnits } from "../src/agencies/index.js";
import { parsePeriod } from "../src/dashboards/dashboard-period.js";
import { FIGURE_IDS } from "../src/dashboards/figure-tables.js";
import { loadDashboard } from "../src/dashboards/load-dashboard.js";
import { fixedClock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import { signedInOfficer } from "../test/office.js";
import { startTestService } from "../test/service.js";
import { publishTestService, TEST_SERVICE } from "../test/service-fixture.js";
import { seedDashboardBench } from "./dashboard-data.js";
import { dashboardSection, DASHBOARD_TITLE as TITLE } from "./dashboard-report.js";
import { findOrStartPostgres } from "./databases.js";
import { percentile } from "./load.js";
import { replaceSection } from "./report.js";

// Near the end of a fiscal year, so that "fiscal year" spans about half of the two years seeded.
const clock = fixedClock("2026-09-20T03:00:00.000Z");
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const f = (n: number) => n.toFixed(1);

/** p50 and p99 of `runs` calls after one warm-up call; `ok` is false if any answer was not 200. */
async function timed(runs: number, one: () => Promise<{ ok: boolean; bytes: number }>) {
  const first = await one();
  const times: number[] = [];
  let ok = first.ok;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    ok = (await one()).ok && ok;
    times.push(ms(t0));
  }
  const sorted = Float64Array.from(times).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), ok, bytes: first.bytes };
}

async function benchOne(dialect: Dialect, entries: number, runs: number) {
  const service = await startTestService(dialect, { clock });
  try {
    const versions = [];
    for (const n of [1, 2, 3]) {
      const name = { th: `บริการทดสอบภาระ ${n}`, en: `Bench service ${n}` };
      const v = await publishTestService(service, { ...TEST_SERVICE, code: `bench-dash-${n}`, name });
      versions.push({ id: v.id, serviceId: v.serviceId });
    }
    const db = service.handle.db;
    const unitIds = (await listUnits(db, "demo")).map((u) => u.id);
    const seconds = await seedDashboardBench(db, { versions, unitIds, now: clock.now(), entries });
    const counts = await Promise.all(
      (["matters", "entries", "matter_actions", "satisfaction_ratings"] as const).map((table) =>
        db.selectFrom(table).select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ),
    );
    const rows = counts.map((c) => Number(c.n));
    const sign = (email: string, roles: string[], units: string[] = []) =>
      signedInOfficer(service.app, service.handle, clock, "demo", email, roles, "", units).then(
        (o) => o.client,
      );
    const head = await sign("head.bench@demo.go.th", ["head_of_agency"]);
    const supervisor = await sign("sup.bench@demo.go.th", ["supervisor"], [unitIds[0]!]);
    const page = (client: typeof head, url: string) => async () => {
      const res = await client.get(url);
      return { ok: res.statusCode === 200, bytes: res.rawPayload.length };
    };
    const bare = (period: string) => async () => {
      const p = parsePeriod({ period }, clock.now(), "Asia/Bangkok");
      const r = await sql<{ n: unknown }>`select count(*) as n from entries
        where agency_id = ${"demo"} and received_at >= ${p.from} and received_at < ${p.to}`.execute(db);
      return { ok: Number(r.rows[0]?.n) > 0, bytes: 0 };
    };
    // The figures' SQL alone, as the head of agency's page loads them: what the page adds is the rest.
    const figures = (period: string) => async () => {
      const range = parsePeriod({ period }, clock.now(), "Asia/Bangkok");
      const viewer = { roles: ["head_of_agency"], unitIds: [] };
      const got = await loadDashboard(db, { agencyId: "demo", viewer, range, now: clock.now() });
      return { ok: got.volume.length > 0, bytes: 0 };
    };
    const views = [
      ["head of agency, this month", page(head, "/office/dashboard"), bare("this-month")],
      [
        "head of agency, fiscal year",
        page(head, "/office/dashboard?period=fiscal-year"),
        bare("fiscal-year"),
      ],
      ["loadDashboard alone (no HTTP, no view), fiscal year", figures("fiscal-year"), bare("fiscal-year")],
      [
        `supervisor of 1 of ${unitIds.length} units, fiscal year`,
        page(supervisor, "/office/dashboard?period=fiscal-year"),
        bare("fiscal-year"),
      ],
    ] as const;
    const lines: string[] = [];
    for (const [label, one, baseline] of views) {
      const r = await timed(runs, one);
      const b = await timed(runs, baseline);
      lines.push(
        `| ${dialect} | ${label} | ${f(r.p50)} | ${f(r.p99)} | ${r.bytes ? (r.bytes / 1024).toFixed(0) : "–"} | ${f(b.p50)} | ${(r.p50 / b.p50).toFixed(1)}× | ${r.ok ? "yes" : "NO"} |`,
      );
    }
    const csv: string[] = [];
    for (const id of FIGURE_IDS) {
      const t0 = process.hrtime.bigint();
      const res = await head.get(`/office/dashboard/${id}.csv?period=fiscal-year`);
      csv.push(`${id} ${f(ms(t0))}${res.statusCode === 200 ? "" : ` (HTTP ${res.statusCode})`}`);
    }
    const per100k = (seconds * 100_000) / entries;
    const seeded = `| ${dialect} | ${rows.map((n) => n.toLocaleString("en")).join(" | ")} | ${f(seconds)} s | ${f(per100k)} s |`;
    return { lines, csv: `| ${dialect} | ${csv.join("; ")} |`, seeded };
  } finally {
    await service.stop();
  }
}

export async function runDashboardBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      entries: { type: "string", default: process.env.BENCH_DASHBOARD_ENTRIES ?? "1000000" },
      runs: { type: "string", default: "7" },
      "no-docs": { type: "boolean", default: false },
    },
  });
  const entries = Number(values.entries);
  const runs = Number(values.runs);
  if (!Number.isInteger(entries) || entries < 100) throw new Error("--entries: a whole number ≥ 100");
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new Error("--runs: 1 to 1000");
  const log = (m: string) => console.log(m);
  const load = os.loadavg()[0]!.toFixed(1);
  const results: Awaited<ReturnType<typeof benchOne>>[] = [];
  let pgNote = "PostgreSQL not run";
  for (const dialect of String(values.db).split(",") as Dialect[]) {
    if (dialect === "postgres") {
      const pg = await findOrStartPostgres(log);
      if (!pg) continue;
      process.env.TEST_PG_URL = pg.url;
      pgNote = `${pg.settings} (${pg.source})`;
      try {
        results.push(await benchOne(dialect, entries, runs));
      } finally {
        await pg.stop();
      }
    } else results.push(await benchOne(dialect, entries, runs));
    log(`${dialect}: done`);
  }
  const section = dashboardSection({ argv, entries, runs, load, pgNote, results });
  console.log(`\n${section}`);
  if (!values["no-docs"]) {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
    replaceSection(path.join(root, "docs", "benchmarks.md"), section, TITLE);
    console.log("docs/benchmarks.md: section written");
  }
  return results.every((r) => r.lines.every((l) => l.endsWith("yes |"))) ? 0 : 1;
}
