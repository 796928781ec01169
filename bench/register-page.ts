/**
 * Register-page benchmark (issue #3): latency of the back office's register page, GET
 * /office/register?date=D (keyset pagination, 100 rows a page), on a register of 1,000,000 entries, on
 * SQLite and (when one is available) PostgreSQL, each on a fresh database.
 *
 *   npm run bench -- register-page                  both databases, docs/benchmarks.md section rewritten
 *   npm run bench -- register-page --db sqlite      one database
 *   npm run bench -- register-page --entries 100000 --no-docs     a quick, smaller run
 *
 * Per database: migrate and seed (createService), create an officer (createStaff), bulk-load the register
 * straight into the tables (bench/register-data.ts), ANALYZE (VACUUM (ANALYZE) on PostgreSQL); start the
 * service (ROLE=web) in its own process on 127.0.0.1, sign the officer in over HTTP, follow rel="next"
 * from the first page of `--deep-days` random days to their last page (checking every row comes once),
 * then measure, each after a warm-up: the first page of random days, those last pages, the first page
 * filtered by channel=email and by status=unacknowledged (`--concurrency` clients without pause,
 * `--requests` requests or `--duration` s), the first page again with each client pausing a random time
 * of mean `--think` ms between requests, and the first page with one client. Then the repository
 * function listRegisterPage in-process, sequentially (`--direct` calls a variant), and the query plans
 * of the first-page and last-page queries (EXPLAIN QUERY PLAN / EXPLAIN (ANALYZE, BUFFERS)).
 *
 * Flags: --db sqlite,postgres  --entries 1000000  --days 1000  --batch 5000  --concurrency 10
 *        --requests 2000  --duration 60  --warmup 200  --direct 2000  --deep-days 100  --think 100  --seed 3
 *        --log-level info  --cpu-prof (profile the server; summaries printed, docs left alone)  --no-docs
 *        --processes 2 (#18: the first page also with the clients spread over N server processes)
 * PostgreSQL: TEST_PG_URL, else a throwaway server from scripts/pg-test-server.sh.
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { findAgency, listUnits } from "../src/agencies/index.js";
import { loadBusinessCalendar, toLocal } from "../src/calendar/index.js";
import { loadConfig } from "../src/config/index.js";
import { systemClock } from "../src/platform/clock.js";
import { type DatabaseHandle, type Dialect, openDatabase } from "../src/platform/db/database.js";
import type { Database } from "../src/platform/db/schema.js";
import {
  decodeCursor,
  listRegisterPage,
  type RegisterCursor,
  type RegisterFilter,
} from "../src/register/register-page.repo.js";
import { createService } from "../src/service.js";
import { createStaff } from "../src/staff/index.js";
import { createFreshDatabase, type FreshDatabase, findOrStartPostgres, type PgServer } from "./databases.js";
import { percentile, runLoad } from "./load.js";
import { cpuTimes } from "./machine.js";
import { summariseProfile } from "./profile.js";
import { bulkLoad, type LoadStats, prng } from "./register-data.js";
import { markdownTable, replaceSection } from "./report.js";
import type { ParentMessage } from "./server.js";
import { stopServer, waitFor } from "./server-control.js";
// #18 province
import { forkMoreServers, markServers, reportServers, stopServers } from "./server-fleet.js";
import { runSpread } from "./spread-load.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
export const REGISTER_SECTION_TITLE = "## Register page (issue #3)";
const AIM_P99_MS = 50;
const PAGE_SIZE = 100;
const OFFICER = { email: "bench.officer@demo.go.th", displayName: "เจ้าหน้าที่ทดสอบ (bench)" };
const NEW_PASSWORD = "Bench-Register-Page-2569";
/** Functions worth an inclusive figure in a CPU profile of the register page. */
const WATCH = [
  "listRegisterPage",
  "entryFromRow",
  "registerPageView",
  "sendOfficePage",
  "renderPage",
  "formatDateTime",
  "formatDate",
  "recordAudit",
  "resolveSession",
  "listUnits",
  "listChecks",
  "executeQuery",
  "compileQuery",
  "html",
  "escapeHtml",
  "t",
];

interface HttpResult {
  db: Dialect;
  variant: string;
  clients: number;
  requests: number;
  ok: number;
  errors: number;
  errorKinds: Record<string, number>;
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  serverCpuMsPerReq: number;
  eventLoopUtilization: number;
  /** Share of both cores busy (server, client, PostgreSQL, and anything else running). */
  machineBusy: number;
}

interface DirectResult {
  db: Dialect;
  variant: string;
  calls: number;
  p50: number;
  p99: number;
  mean: number;
  rowsPerCall: number;
}

interface DbReport {
  db: Dialect;
  load: LoadStats;
  analyzeMs: number;
  sizeText: string;
  deep: {
    days: number;
    meanDepth: number;
    minDepth: number;
    maxDepth: number;
    rowsChecked: number;
    /** Mean size of a full page (100 rows) of HTML, bytes. */
    pageBytes: number;
  };
  http: HttpResult[];
  direct: DirectResult[];
  plans: { title: string; sql: string; plan: string }[];
  indexes: string[];
  settings: string;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      entries: { type: "string", default: "1000000" },
      days: { type: "string", default: "1000" },
      batch: { type: "string", default: "5000" },
      concurrency: { type: "string", default: "10" },
      requests: { type: "string", default: "2000" },
      duration: { type: "string", default: "60" },
      warmup: { type: "string", default: "200" },
      direct: { type: "string", default: "2000" },
      "deep-days": { type: "string", default: "100" },
      think: { type: "string", default: "100" },
      seed: { type: "string", default: "3" },
      "log-level": { type: "string", default: "info" },
      "cpu-prof": { type: "boolean", default: false },
      "no-docs": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
      // #18 province: the first page also at N server processes
      processes: { type: "string", default: "1" },
    },
  });
  const count = (name: keyof typeof values, min: number, max: number): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const dbs = String(values.db)
    .split(",")
    .map((d) => d.trim());
  for (const d of dbs) if (d !== "sqlite" && d !== "postgres") throw new Error(`--db: unknown database ${d}`);
  return {
    help: values.help,
    dbs: dbs as Dialect[],
    pgRequested: argv.some((a) => a.startsWith("--db")),
    entries: count("entries", 1000, 10_000_000),
    days: count("days", 10, 5000),
    batch: count("batch", 100, 20_000),
    concurrency: count("concurrency", 1, 200),
    requests: count("requests", 1, 1_000_000),
    durationS: count("duration", 1, 600),
    warmup: count("warmup", 0, 100_000),
    direct: count("direct", 1, 1_000_000),
    deepDays: count("deep-days", 1, 5000),
    think: count("think", 1, 10_000),
    seed: count("seed", 0, 2 ** 31),
    logLevel: String(values["log-level"]),
    cpuProf: values["cpu-prof"],
    // A profiled server is slower: its figures do not go into the docs.
    writeDocs: !values["no-docs"] && !values["cpu-prof"],
    // #18 province
    processes: String(values.processes)
      .split(",")
      .map((p) => Number(p.trim()))
      .filter((p) => Number.isInteger(p) && p > 1 && p <= 16),
  };
}
type Options = ReturnType<typeof parse>;

/** A minimal cookie-keeping client (fetch, no redirects followed) for signing in as a browser would. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  cookie(name?: string): string {
    return [...this.cookies]
      .filter(([k]) => name === undefined || k === name)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  }

  async request(
    url: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location: string; body: string }> {
    const res = await fetch(this.base + url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        accept: "text/html",
        cookie: this.cookie(),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0(;|$)/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get("location") ?? "", body: await res.text() };
  }
}

const csrfOf = (body: string) => /name="_csrf" value="([^"]*)"/.exec(body)?.[1] ?? "";
const unescapeHtml = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[e] ?? "'",
  );
const nextHref = (body: string) => {
  const m = /<a href="([^"]+)" rel="next">/.exec(body);
  return m ? unescapeHtml(m[1]!) : undefined;
};
const receiptsOf = (body: string) => [...body.matchAll(/data-receipt="([^"]+)"/g)].map((m) => m[1]!);

/** Signs the officer in over HTTP (login form, then the forced change of the temporary password). */
export async function signIn(port: number, email: string, password: string): Promise<string> {
  const browser = new Browser(`http://127.0.0.1:${port}`);
  const login = await browser.request("/office/login");
  const posted = await browser.request("/office/login", {
    _csrf: csrfOf(login.body),
    email,
    password,
    next: "/office/register",
  });
  if (posted.status !== 303)
    throw new Error(`sign-in failed: HTTP ${posted.status} ${posted.body.slice(0, 300)}`);
  let page = await browser.request("/office/register");
  if (page.status === 303 && page.location.endsWith("/office/account")) {
    const account = await browser.request("/office/account");
    const changed = await browser.request("/office/account/password", {
      _csrf: csrfOf(account.body),
      current: password,
      next: NEW_PASSWORD,
    });
    if (changed.status !== 200) throw new Error(`password change failed: HTTP ${changed.status}`);
    page = await browser.request("/office/register");
  }
  if (page.status !== 200)
    throw new Error(`register page after sign-in: HTTP ${page.status} ${page.location}`);
  const cookie = browser.cookie("borikan_staff");
  if (!cookie) throw new Error("no session cookie after sign-in");
  return cookie;
}

/** Runs `query` through a Kysely that records the SQL it sends, so a plan can be asked for the same text. */
async function captureSql(
  fresh: FreshDatabase,
  query: (db: Kysely<Database>) => Promise<unknown>,
): Promise<CompiledQuery> {
  const seen: CompiledQuery[] = [];
  const log = (event: { level: string; query: CompiledQuery }) => {
    if (event.level === "query") seen.push(event.query);
  };
  const db =
    fresh.dialect === "sqlite"
      ? new Kysely<Database>({
          dialect: new SqliteDialect({
            database: new SQLite(fresh.url.slice("sqlite:".length), { readonly: true }),
          }),
          log,
        })
      : new Kysely<Database>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 1 }) }),
          log,
        });
  try {
    await query(db);
  } finally {
    await db.destroy();
  }
  const last = seen.at(-1);
  if (!last) throw new Error("no query captured");
  return last;
}

async function explain(fresh: FreshDatabase, compiled: CompiledQuery): Promise<string> {
  const params = compiled.parameters as unknown[];
  if (fresh.dialect === "sqlite") {
    const db = new SQLite(fresh.url.slice("sqlite:".length), { readonly: true });
    try {
      const rows = db.prepare(`explain query plan ${compiled.sql}`).all(...params) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, 0]]);
      return rows
        .map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${"  ".repeat(d - 1)}${r.detail}`;
        })
        .join("\n");
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: fresh.url });
  client.on("error", () => {});
  await client.connect();
  try {
    // The second run is the one shown: its buffers are warm, as they are while the benchmark runs.
    await client.query(`explain (analyze, buffers) ${compiled.sql}`, params);
    const { rows } = await client.query<{ "QUERY PLAN": string }>(
      `explain (analyze, buffers) ${compiled.sql}`,
      params,
    );
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await client.end();
  }
}

/** The SQL as a reader would write it: parameters inlined (for the docs only). */
function inline(compiled: CompiledQuery): string {
  const params = compiled.parameters as unknown[];
  const literal = (v: unknown) => (typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  return compiled.sql
    .replace(/\$(\d+)/g, (_, i: string) => literal(params[Number(i) - 1]))
    .replace(
      /\?/g,
      (() => {
        let i = 0;
        return () => literal(params[i++]);
      })(),
    );
}

/** The indexes on `entries` as the migrations made them. */
async function entryIndexes(fresh: FreshDatabase): Promise<string[]> {
  if (fresh.dialect === "sqlite") {
    const db = new SQLite(fresh.url.slice("sqlite:".length), { readonly: true });
    try {
      const rows = db.prepare("select name from pragma_index_list('entries') order by name").all() as {
        name: string;
      }[];
      return rows.map((r) => {
        const columns = db.prepare("select name from pragma_index_info(?) order by seqno").all(r.name) as {
          name: string;
        }[];
        return `${r.name} (${columns.map((c) => c.name).join(", ")})`;
      });
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: fresh.url });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ indexname: string; indexdef: string }>(
      "select indexname, indexdef from pg_indexes where tablename = 'entries' order by indexname",
    );
    return rows.map((r) => `${r.indexname} ${/\((.*)\)$/.exec(r.indexdef)?.[0] ?? r.indexdef}`);
  } finally {
    await client.end();
  }
}

async function analyze(fresh: FreshDatabase): Promise<{ ms: number; sizeText: string }> {
  const t0 = performance.now();
  if (fresh.dialect === "sqlite") {
    const file = fresh.url.slice("sqlite:".length);
    const db = new SQLite(file);
    try {
      db.exec("analyze");
      const ms = performance.now() - t0;
      return { ms, sizeText: `${(fs.statSync(file).size / 1024 ** 2).toFixed(0)} MB file` };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: fresh.url });
  client.on("error", () => {});
  await client.connect();
  try {
    // VACUUM as well: after a million inserts autovacuum would otherwise start during the measurement.
    await client.query("vacuum (analyze)");
    const ms = performance.now() - t0;
    const { rows } = await client.query<{ entries: string; indexes: string; database: string }>(
      `select pg_size_pretty(pg_table_size('entries')) as entries,
              pg_size_pretty(pg_indexes_size('entries')) as indexes,
              pg_size_pretty(pg_database_size(current_database())) as database`,
    );
    const r = rows[0]!;
    return { ms, sizeText: `entries ${r.entries} + indexes ${r.indexes}; database ${r.database}` };
  } finally {
    await client.end();
  }
}

/** The PostgreSQL settings that matter for reads. */
async function pgReadSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    const show = async (name: string) => (await client.query(`show ${name}`)).rows[0][name] as string;
    const version = (await show("server_version")).split(" ")[0];
    return `PostgreSQL ${version}, shared_buffers=${await show("shared_buffers")}, work_mem=${await show("work_mem")}, fsync=${await show("fsync")}`;
  } finally {
    await client.end();
  }
}

export async function runRegisterPageBench(argv: string[]): Promise<number> {
  const o: Options = parse(argv);
  if (o.help) {
    const source = fs.readFileSync(new URL(import.meta.url), "utf8");
    console.log(source.slice(source.indexOf("/**") + 3, source.indexOf("*/")).replace(/^ \* ?/gm, ""));
    return 0;
  }
  const log = (msg: string) => console.log(msg);
  const cleanups: (() => Promise<void>)[] = [];
  let current: ChildProcess | undefined;
  const cleanup = async () => {
    if (current && current.exitCode === null) current.kill("SIGKILL");
    for (const c of cleanups.splice(0).reverse())
      await c().catch((error) => log(`cleanup: ${String(error)}`));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`\n${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }

  try {
    let pgServer: PgServer | undefined;
    if (o.dbs.includes("postgres")) {
      pgServer = await findOrStartPostgres(log);
      if (pgServer) {
        cleanups.push(pgServer.stop);
        log(`PostgreSQL: ${pgServer.settings} (${pgServer.source})`);
      } else if (o.pgRequested) {
        throw new Error("--db postgres asked for, but no PostgreSQL server (set TEST_PG_URL)");
      }
    }
    const profileDir = o.cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), "borikan-bench-prof-")) : undefined;
    const reports: DbReport[] = [];
    for (const db of o.dbs) {
      if (db === "postgres" && !pgServer) continue;
      const fresh = await createFreshDatabase(db, pgServer?.url);
      cleanups.push(fresh.drop);
      try {
        reports.push(
          await runDatabase(o, fresh, profileDir, log, (child) => {
            current = child;
          }),
        );
      } finally {
        cleanups.splice(cleanups.indexOf(fresh.drop), 1);
        await fresh.drop();
      }
    }
    await cleanup();

    console.log(`\n${httpTable(reports)}\n\n${directTable(reports)}\n`);
    for (const r of reports)
      for (const h of r.http)
        if (h.p99 >= AIM_P99_MS)
          console.log(`${r.db} / ${h.variant}: p99 ${fmt(h.p99)} ms, not under ${AIM_P99_MS} ms`);
    if (profileDir) console.log(`profiles in ${profileDir}`);
    if (o.writeDocs && reports.length > 0) {
      const command = `npm run bench -- register-page${argv.length > 0 ? ` ${argv.join(" ")}` : ""}`;
      replaceSection(
        path.join(root, "docs", "benchmarks.md"),
        docsSection(o, reports, pgServer, command),
        REGISTER_SECTION_TITLE,
      );
      console.log("docs/benchmarks.md: register-page section written");
    }
    const failed = reports.some((r) => r.http.some((h) => h.errors > 0 || h.ok === 0));
    if (failed) console.error("some requests failed (see above)");
    return failed ? 1 : 0;
  } catch (error) {
    console.error(error);
    await cleanup();
    return 1;
  }
}

async function runDatabase(
  o: Options,
  fresh: FreshDatabase,
  profileDir: string | undefined,
  log: (msg: string) => void,
  setCurrent: (child: ChildProcess | undefined) => void,
): Promise<DbReport> {
  const { dialect: db } = fresh;
  log(`\n${db}: fresh database; migrate and seed (createService)`);
  const service = await createService(
    loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, ROLE: "web", LOG_LEVEL: "warn" }),
    { log: () => {} },
  );
  const agency = (await service.handle.db.selectFrom("agencies").select("id").executeTakeFirstOrThrow()).id;
  const agencyRow = (await findAgency(service.handle.db, agency))!;
  const calendar = await loadBusinessCalendar(service.handle.db, agencyRow);
  const units = (await listUnits(service.handle.db, agency)).map((u) => u.id);
  const { staff, temporaryPassword } = await createStaff(
    service.handle,
    agency,
    { ...OFFICER, roles: ["saraban_officer"] },
    { clock: systemClock, actor: "cli:bench" },
  );
  await service.close();

  const until = toLocal(systemClock.now(), agencyRow.timeZone).date;
  log(`${db}: bulk-loading ${o.entries} entries over ${o.days} business days up to ${until}`);
  const load = await bulkLoad(
    db,
    fresh.url,
    { entries: o.entries, days: o.days, seed: o.seed, batch: o.batch },
    { agencyId: agency, calendar, unitIds: units, officerId: staff.id, until },
    (msg) => log(msg),
  );
  log(
    `${db}: loaded ${load.entries} entries and ${load.matters} matters in ${seconds(load.loadMs)} ` +
      `(${Math.round(load.entries / (load.loadMs / 1000))} entries/s); ${load.days[0]?.date} … ${load.days.at(-1)?.date}`,
  );
  const analyzed = await analyze(fresh);
  log(
    `${db}: ${db === "postgres" ? "VACUUM (ANALYZE)" : "ANALYZE"} ${seconds(analyzed.ms)}; ${analyzed.sizeText}`,
  );

  const agencyRef = { id: agency, timeZone: agencyRow.timeZone };
  const dayDates = load.days.map((d) => d.date);
  const entriesOn = new Map(load.days.map((d) => [d.date, d.entries]));

  // The service, in its own process, on this database.
  const logFile = path.join(fresh.dataDir, "server.log");
  const out = fs.openSync(logFile, "a");
  const child = fork(path.join(here, "server.ts"), ["borikan", fresh.url, fresh.dataDir, o.logLevel], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...(profileDir ? { BENCH_CPU_PROF: profileDir } : {}) },
    stdio: ["ignore", out, out, "ipc"],
  });
  fs.closeSync(out);
  setCurrent(child);
  const http: HttpResult[] = [];
  const deepCursors: { date: string; after: RegisterCursor }[] = [];
  const deepPaths: string[] = [];
  const depths: number[] = [];
  let rowsChecked = 0;
  let fullPageBytes = 0;
  let fullPages = 0;
  try {
    const { port } = await waitFor(child, "ready", 120_000).catch((error) => {
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
      throw new Error(`${String(error)}\n--- server log ---\n${tail}`);
    });
    const cookie = await signIn(port, OFFICER.email, temporaryPassword);
    log(`${db}: service on 127.0.0.1:${port}; officer signed in`);

    // Follow rel="next" through whole days: every entry of the day once, in register order.
    const pickDay = prng(o.seed + 1);
    const browser = { cookie, base: `http://127.0.0.1:${port}` };
    const get = async (url: string) => {
      const res = await fetch(browser.base + url, {
        headers: { cookie: browser.cookie, accept: "text/html" },
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${body.slice(0, 300)}`);
      return body;
    };
    const t0 = performance.now();
    for (let i = 0; i < o.deepDays && performance.now() - t0 < 300_000; i++) {
      const date = dayDates[Math.floor(pickDay() * dayDates.length)]!;
      let url: string | undefined = `/office/register?date=${date}`;
      let last = url;
      const seen = new Set<string>();
      let pages = 0;
      for (; url && pages < 1000; pages++) {
        const body = await get(url);
        const receipts = receiptsOf(body);
        if (receipts.length === PAGE_SIZE) {
          fullPageBytes += Buffer.byteLength(body);
          fullPages++;
        }
        for (const r of receipts) {
          if (seen.has(r)) throw new Error(`${date}: receipt ${r} on two pages`);
          seen.add(r);
        }
        const next = nextHref(body);
        if (next && receipts.length !== PAGE_SIZE)
          throw new Error(`${date}: page ${pages + 1} has ${receipts.length} rows and a next link`);
        last = url;
        url = next;
      }
      if (seen.size !== entriesOn.get(date))
        throw new Error(`${date}: ${seen.size} rows over ${pages} pages, ${entriesOn.get(date)} loaded`);
      rowsChecked += seen.size;
      depths.push(pages);
      deepPaths.push(last);
      const after = decodeCursor(new URL(last, browser.base).searchParams.get("after") ?? undefined);
      if (after) deepCursors.push({ date, after });
    }
    log(
      `${db}: followed rel="next" through ${depths.length} days (${rowsChecked} rows, each once, counts as loaded); ` +
        `last pages are pages ${Math.min(...depths)}–${Math.max(...depths)} in ${seconds(performance.now() - t0)}`,
    );

    const dayPaths = (query: string, seed: number, n: number) => {
      const rand = prng(seed);
      return Array.from(
        { length: n },
        () => `/office/register?date=${dayDates[Math.floor(rand() * dayDates.length)]}${query}`,
      );
    };
    const variants: {
      name: string;
      clients: number;
      requests: number;
      thinkMs?: number;
      paths: (n: number) => string[];
    }[] = [
      { name: "first page", clients: o.concurrency, requests: o.requests, paths: (n) => dayPaths("", 11, n) },
      {
        name: 'last page (via rel="next")',
        clients: o.concurrency,
        requests: o.requests,
        paths: (n) => {
          const rand = prng(12);
          return Array.from({ length: n }, () => deepPaths[Math.floor(rand() * deepPaths.length)]!);
        },
      },
      {
        name: "first page, channel=email",
        clients: o.concurrency,
        requests: o.requests,
        paths: (n) => dayPaths("&channel=email", 13, n),
      },
      {
        name: "first page, status=unacknowledged",
        clients: o.concurrency,
        requests: o.requests,
        paths: (n) => dayPaths("&status=unacknowledged", 14, n),
      },
      {
        name: `first page, ${o.think} ms think time`,
        clients: o.concurrency,
        requests: o.requests,
        thinkMs: o.think,
        paths: (n) => dayPaths("", 16, n),
      },
      {
        name: "first page, 1 client",
        clients: 1,
        requests: Math.min(o.requests, 500),
        paths: (n) => dayPaths("", 15, n),
      },
    ];
    for (const v of variants) {
      const paths = v.paths(o.warmup + v.requests);
      const base = {
        port,
        path: "/office/register",
        pathOf: (i: number) => paths[i]!,
        method: "GET" as const,
        concurrency: v.clients,
        contentType: "",
        body: () => Buffer.alloc(0),
        headers: () => ({ cookie, accept: "text/html" }),
        expectStatus: 200,
        thinkMs: v.thinkMs,
      };
      if (o.warmup > 0) {
        const warm = await runLoad({ ...base, count: o.warmup, durationMs: 60_000, firstIndex: 0 });
        if (warm.errors > 0)
          log(`  warm-up errors: ${JSON.stringify(warm.errorKinds)} ${warm.samples.join(" | ")}`);
      }
      child.send({ type: "mark" } satisfies ParentMessage);
      await waitFor(child, "marked", 10_000);
      const cpu0 = cpuTimes();
      const m = await runLoad({
        ...base,
        count: v.requests,
        durationMs: o.durationS * 1000,
        firstIndex: o.warmup,
      });
      const cpu1 = cpuTimes();
      child.send({ type: "report" } satisfies ParentMessage);
      const report = await waitFor(child, "report", 60_000);
      if (m.errors > 0) log(`  errors: ${JSON.stringify(m.errorKinds)} ${m.samples.join(" | ")}`);
      const result: HttpResult = {
        db,
        variant: v.name,
        clients: v.clients,
        requests: m.requests,
        ok: m.ok,
        errors: m.errors,
        errorKinds: m.errorKinds,
        reqPerSec: m.ok / (m.elapsedMs / 1000),
        p50: percentile(m.latencies, 50),
        p99: percentile(m.latencies, 99),
        max: percentile(m.latencies, 100),
        serverCpuMsPerReq: (report.cpuUserMs + report.cpuSystemMs) / Math.max(1, m.ok),
        eventLoopUtilization: report.eventLoopUtilization,
        machineBusy: (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total),
      };
      http.push(result);
      log(
        `  ${db} / ${v.name}: ${m.ok} ok, ${m.errors} errors, ${v.clients} clients: ${fmt(result.reqPerSec)} req/s, ` +
          `p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms, max ${fmt(result.max)} ms; server CPU ` +
          `${fmt(result.serverCpuMsPerReq, 2)} ms/req, event loop ${fmt(100 * result.eventLoopUtilization, 0)}% busy, ` +
          `both cores ${fmt(100 * result.machineBusy, 0)}% busy`,
      );
      if (report.profileFile && profileDir) {
        const named = path.join(profileDir, `${db}-${v.name.replace(/[^a-z0-9]+/gi, "-")}.cpuprofile`);
        fs.renameSync(report.profileFile, named);
        log(summariseProfile(named, m.ok, 20, WATCH));
      }
    }
    // #18 province: the first page at `--concurrency` clients spread over N server processes (this one and
    // N - 1 more on the same database), beside the one-process rows above
    for (const n of o.processes) {
      const more = await forkMoreServers(n - 1, ["borikan", fresh.url, fresh.dataDir, o.logLevel]);
      try {
        const paths = dayPaths("", 11, o.warmup + o.requests);
        const base = {
          port,
          path: "/office/register",
          pathOf: (i: number) => paths[i]!,
          method: "GET" as const,
          concurrency: o.concurrency,
          contentType: "",
          body: () => Buffer.alloc(0),
          headers: () => ({ cookie, accept: "text/html" }),
          expectStatus: 200,
        };
        const ports = [port, ...more.ports];
        const all = [child, ...more.children];
        if (o.warmup > 0)
          await runSpread({ ...base, count: o.warmup, durationMs: 60_000, firstIndex: 0 }, ports);
        await markServers(all);
        const cpu0 = cpuTimes();
        const m = await runSpread(
          { ...base, count: o.requests, durationMs: o.durationS * 1000, firstIndex: o.warmup },
          ports,
        );
        const cpu1 = cpuTimes();
        const report = await reportServers(all);
        const result: HttpResult = {
          db,
          variant: `first page, Borikan ×${n}`,
          clients: o.concurrency,
          requests: m.requests,
          ok: m.ok,
          errors: m.errors,
          errorKinds: m.errorKinds,
          reqPerSec: m.ok / (m.elapsedMs / 1000),
          p50: percentile(m.latencies, 50),
          p99: percentile(m.latencies, 99),
          max: percentile(m.latencies, 100),
          serverCpuMsPerReq: report.cpuMs / Math.max(1, m.ok),
          eventLoopUtilization: report.elu,
          machineBusy: (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total),
        };
        http.push(result);
        log(
          `  ${db} / ${result.variant}: ${m.ok} ok, ${m.errors} errors, ${o.concurrency} clients: ` +
            `${fmt(result.reqPerSec)} req/s, p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms`,
        );
      } finally {
        await stopServers(more.children);
      }
    }
    await stopServer(child);
  } finally {
    if (child.exitCode === null) await stopServer(child).catch(() => child.kill("SIGKILL"));
    setCurrent(undefined);
  }

  // The repository function alone, in this process, one call at a time (no HTTP, no rendering, no audit).
  const direct: DirectResult[] = [];
  const handle: DatabaseHandle = openDatabase(fresh.url);
  try {
    const directVariants: { name: string; call: (i: number) => Promise<number> }[] = [];
    const dayOf = (seed: number) => {
      const rand = prng(seed);
      return () => dayDates[Math.floor(rand() * dayDates.length)]!;
    };
    const page = (filter: Omit<RegisterFilter, "date">, seed: number) => {
      const day = dayOf(seed);
      return async () =>
        (await listRegisterPage(handle.db, agencyRef, { date: day(), ...filter }, { limit: PAGE_SIZE }))
          .entries.length;
    };
    directVariants.push({ name: "first page", call: page({}, 21) });
    {
      const rand = prng(22);
      directVariants.push({
        name: 'last page (via rel="next")',
        call: async () => {
          const c = deepCursors[Math.floor(rand() * deepCursors.length)]!;
          return (
            await listRegisterPage(
              handle.db,
              agencyRef,
              { date: c.date },
              { after: c.after, limit: PAGE_SIZE },
            )
          ).entries.length;
        },
      });
    }
    directVariants.push({ name: "first page, channel=email", call: page({ channel: "email" }, 23) });
    directVariants.push({
      name: "first page, status=unacknowledged",
      call: page({ status: "unacknowledged" }, 24),
    });
    for (const v of directVariants) {
      for (let i = 0; i < Math.min(200, o.direct); i++) await v.call(i); // warm-up
      const latencies = new Float64Array(o.direct);
      let rows = 0;
      let n = 0;
      const t0 = performance.now();
      for (; n < o.direct && performance.now() - t0 < o.durationS * 1000; n++) {
        const s = performance.now();
        rows += await v.call(n);
        latencies[n] = performance.now() - s;
      }
      const sorted = latencies.slice(0, n).sort();
      const result: DirectResult = {
        db,
        variant: v.name,
        calls: n,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, n),
        rowsPerCall: rows / Math.max(1, n),
      };
      direct.push(result);
      log(
        `  ${db} / listRegisterPage ${v.name}: ${n} calls, p50 ${fmt(result.p50, 2)} ms, p99 ${fmt(result.p99, 2)} ms, ` +
          `mean ${fmt(result.mean, 2)} ms, ${fmt(result.rowsPerCall, 0)} rows/call`,
      );
    }
  } finally {
    await handle.close();
  }

  // Query plans of the first page and of a last page, for the SQL listRegisterPage sends.
  const plans: DbReport["plans"] = [];
  const day = deepCursors[0]?.date ?? dayDates[Math.floor(dayDates.length / 2)]!;
  const shapes: { title: string; run: (k: Kysely<Database>) => Promise<unknown> }[] = [
    {
      title: `first page of ${day}`,
      run: (k) => listRegisterPage(k, agencyRef, { date: day }, { limit: PAGE_SIZE }),
    },
  ];
  if (deepCursors[0]) {
    const c = deepCursors[0];
    shapes.push({
      title: `last page of ${c.date} (after ${c.after.workingStart} / ${c.after.sequence})`,
      run: (k) => listRegisterPage(k, agencyRef, { date: c.date }, { after: c.after, limit: PAGE_SIZE }),
    });
  }
  for (const shape of shapes) {
    const compiled = await captureSql(fresh, shape.run);
    const plan = await explain(fresh, compiled);
    plans.push({ title: shape.title, sql: inline(compiled), plan });
    log(`\n${db}: plan of the ${shape.title}:\n${plan}`);
  }

  const indexes = await entryIndexes(fresh);
  log(`${db}: indexes on entries: ${indexes.join("; ")}`);
  const settings = db === "postgres" ? await pgReadSettings(fresh.url) : "SQLite (better-sqlite3)";
  return {
    db,
    load,
    analyzeMs: analyzed.ms,
    sizeText: analyzed.sizeText,
    deep: {
      days: depths.length,
      meanDepth: depths.reduce((a, b) => a + b, 0) / Math.max(1, depths.length),
      minDepth: Math.min(...depths),
      maxDepth: Math.max(...depths),
      rowsChecked,
      pageBytes: fullPageBytes / Math.max(1, fullPages),
    },
    http,
    direct,
    plans,
    indexes,
    settings,
  };
}

function loadTable(reports: DbReport[]): string {
  return markdownTable(
    ["db", "entries / matters", "business days", "entries a day", "load", "entries/s", "ANALYZE", "size"],
    reports.map((r) => {
      const perDay = r.load.days.map((d) => d.entries);
      return [
        r.db,
        `${r.load.entries.toLocaleString("en")} / ${r.load.matters.toLocaleString("en")}`,
        `${r.load.days.length} (${r.load.days[0]?.date} … ${r.load.days.at(-1)?.date})`,
        `${Math.min(...perDay)}–${Math.max(...perDay)}`,
        seconds(r.load.loadMs),
        Math.round(r.load.entries / (r.load.loadMs / 1000)).toLocaleString("en"),
        seconds(r.analyzeMs),
        r.sizeText,
      ];
    }),
  );
}

function httpTable(reports: DbReport[]): string {
  return markdownTable(
    [
      "db",
      "variant",
      "clients",
      "requests",
      "req/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "errors",
      "server CPU ms/req",
      "server event loop busy",
      "both cores busy",
      "p99 < 50 ms",
    ],
    reports.flatMap((r) =>
      r.http.map((h) => [
        h.db,
        h.variant,
        String(h.clients),
        String(h.requests),
        fmt(h.reqPerSec),
        fmt(h.p50),
        fmt(h.p99),
        fmt(h.max),
        String(h.errors),
        fmt(h.serverCpuMsPerReq, 2),
        `${fmt(100 * h.eventLoopUtilization, 0)}%`,
        `${fmt(100 * h.machineBusy, 0)}%`,
        h.p99 < AIM_P99_MS ? "yes" : "**no**",
      ]),
    ),
  );
}

function directTable(reports: DbReport[]): string {
  return markdownTable(
    ["db", "variant", "calls", "p50 ms", "p99 ms", "mean ms", "rows"],
    reports.flatMap((r) =>
      r.direct.map((d) => [
        d.db,
        d.variant,
        String(d.calls),
        fmt(d.p50, 2),
        fmt(d.p99, 2),
        fmt(d.mean, 2),
        fmt(d.rowsPerCall, 0),
      ]),
    ),
  );
}

function docsSection(
  o: Options,
  reports: DbReport[],
  pgServer: PgServer | undefined,
  command: string,
): string {
  const cpu = os.cpus();
  const stats = reports[0]!.load;
  const share = (n: number) => `${((100 * n) / stats.entries).toFixed(1)} %`;
  const lines = [
    REGISTER_SECTION_TITLE,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ` +
      `${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, Linux ${os.release()}, Node ${process.version}. Command:`,
    "",
    "```sh",
    command,
    "```",
    "",
    `Each database is fresh: migrated and seeded by \`createService\`, then ${stats.entries.toLocaleString("en")} entries ` +
      `are bulk-loaded straight into \`entries\` and \`matters\` (bench/register-data.ts; prepared inserts in ` +
      `transactions of ${o.batch} on SQLite, \`insert … select * from unnest(…)\` of ${o.batch} rows on PostgreSQL, ` +
      `all indexes in place), with \`receipt_counters\` to match, then \`ANALYZE\` (SQLite) or \`VACUUM (ANALYZE)\` ` +
      `(PostgreSQL). The register covers the demo agency's last ${stats.days.length} business days, ` +
      `${Math.round(stats.entries / stats.days.length)} entries a day on average (±25 %): Thai senders, subjects ` +
      `and letters; channels ${["web", "email", "line", "paper"]
        .map((c) => `${c} ${share(stats.channels[c] ?? 0)}`)
        .join(", ")}; receipt numbers gapless per Buddhist-era year in order of receipt ` +
      `(${Object.entries(stats.years)
        .map(([y, n]) => `${n.toLocaleString("en")}/${y}`)
        .join(", ")} last); about 15 % received after hours, so their working start is the next opening; ` +
      `${share(stats.acknowledged)} acknowledged, ${share(stats.unacknowledged)} not (most of them in the last two ` +
      `days), ${share(stats.cancelled)} cancelled; one matter per entry, or an earlier one for 8 %.`,
    "",
    loadTable(reports),
    "",
    `Then the service runs in its own process (\`createService\`, ROLE=web, LOG_LEVEL=${o.logLevel} to a file) on ` +
      "127.0.0.1 and an officer (made with `createStaff`) signs in over HTTP. The bench follows " +
      `\`rel="next"\` from the first page of ${reports[0]!.deep.days} random days to their last page (page ` +
      `${reports[0]!.deep.minDepth}–${reports[0]!.deep.maxDepth}), checking that every entry of the day comes exactly ` +
      `once. Each variant then gets ${o.warmup} warm-up requests and ${o.requests} measured GETs (or ${o.durationS} s) ` +
      `from ${o.concurrency} keep-alive clients, each request for a random day of the register. "First page" is ` +
      '`/office/register?date=D` (100 rows); the last pages are the `rel="next"` links just collected; the ' +
      "filters are `&channel=email` and `&status=unacknowledged`: all of these are closed loops, each client " +
      `sending its next request as soon as it has the answer. "${o.think} ms think time" is the first page again with ` +
      `each client pausing between requests, a random time with a mean of ${o.think} ms (exponential, so the clients ` +
      `do not fall into step): a lighter load. "1 client" is one client without pause ` +
      `(${Math.min(o.requests, 500)} requests). Every request also does what the page always does: the session ` +
      "look-up, an audit row (`register.read`), the units and the day's checks, and rendering the page " +
      `(${Math.round(reports[0]!.deep.pageBytes / 1024)} KB of HTML for 100 rows).`,
    "",
    httpTable(reports),
    "",
    `\`listRegisterPage\` alone, in the bench process, one call at a time (${o.direct} calls a variant after 200 ` +
      "warm-up calls; the same kinds of days and cursors): the database's share.",
    "",
    directTable(reports),
    "",
    `Databases: SQLite WAL, synchronous=FULL, one connection (openDatabase); ${
      reports.find((r) => r.db === "postgres")?.settings ?? "PostgreSQL not run"
    }${pgServer ? ` (${pgServer.source})` : ""}. Caches are warm: the machine's RAM holds both databases.`,
    "",
    "### Query plans",
    "",
    "Indexes on `entries` as migrated:",
    "",
    ...reports.map((r) => `- ${r.db}: ${r.indexes.map((i) => `\`${i}\``).join(", ")}`),
    "",
  ];
  for (const r of reports) {
    for (const p of r.plans) {
      lines.push(
        `${r.db === "sqlite" ? "SQLite, `EXPLAIN QUERY PLAN`" : "PostgreSQL, `EXPLAIN (ANALYZE, BUFFERS)` (second run)"}, ${p.title}:`,
        "",
        "```sql",
        p.sql,
        "```",
        "",
        "```",
        p.plan,
        "```",
        "",
      );
    }
  }
  const readingFile = path.join(here, "register-page.reading.md");
  if (fs.existsSync(readingFile)) {
    // {sqlite.http.first.p99}, {postgres.direct.last.p50}, {sqlite.http.think.rps}, {postgres.http.first.cpu} …
    const variants: Record<string, string> = {
      first: "first page",
      last: 'last page (via rel="next")',
      email: "first page, channel=email",
      unack: "first page, status=unacknowledged",
      think: `first page, ${o.think} ms think time`,
      single: "first page, 1 client",
    };
    const value = (db: string, kind: string, key: string, field: string) => {
      const r = reports.find((x) => x.db === db);
      if (kind === "direct") {
        const row = r?.direct.find((x) => x.variant === variants[key]);
        if (row && (field === "p50" || field === "p99" || field === "mean")) return fmt(row[field], 2);
        return "n/a";
      }
      const row = r?.http.find((x) => x.variant === variants[key]);
      if (!row) return "n/a";
      if (field === "rps") return fmt(row.reqPerSec, 0);
      if (field === "cpu") return fmt(row.serverCpuMsPerReq, 1);
      if (field === "p50" || field === "p99" || field === "max") return fmt(row[field], 1);
      return "n/a";
    };
    const reading = fs
      .readFileSync(readingFile, "utf8")
      .trim()
      .replace(/\{(sqlite|postgres)\.(http|direct)\.([a-z]+)\.([a-z0-9]+)\}/g, (_, db, kind, key, field) =>
        value(db, kind, key, field),
      );
    lines.push("### Reading", "", reading, "");
  }
  return lines.join("\n");
}
