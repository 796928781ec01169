/**
 * Services benchmark (issue #11).
 *
 * Part 1, catalogue search (IF-2): `searchServices` (the query behind GET /?q= and GET /api/v1/services?q=)
 * over a catalogue of 5,000 published services, on SQLite and (when one is available) PostgreSQL, each on
 * a fresh database, sequentially in-process: p50/p95/p99/max per query, after a warm-up.
 *
 *   npm run bench -- services                          both databases, docs/benchmarks.md section rewritten
 *   npm run bench -- services --db sqlite --no-docs    one database, docs left alone
 *
 * Flags: --db sqlite,postgres  --services 5000  --queries 3000  --warmup 300  --batch 100  --seed 11  --no-docs
 * PostgreSQL: TEST_PG_URL, else a throwaway server from scripts/pg-test-server.sh.
 *
 * Part 2, application submissions per second with a 100 KB attachment at 50 clients beside the bare
 * handler of `npm run bench` (bench/application-submissions.ts).
 *
 * More flags: --parts search,submissions  --concurrency 50  --requests 1500  --submit-warmup 200  --file-kb 100
 */
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { migrations } from "../migrations/index.js";
import { publishService, type ServiceDefinition, searchServices } from "../src/catalog/index.js";
import { systemClock } from "../src/platform/clock.js";
import {
  type DatabaseHandle,
  type Dialect,
  openDatabase,
  withTransaction,
} from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrate.js";
import { seedIfEmpty } from "../src/service.js";
import { SEARCH_CATALOGUE } from "../test/search-catalogue.js";
import { runSubmissions, type SubmissionRow } from "./application-submissions.js";
import { createFreshDatabase, findOrStartPostgres, type PgServer } from "./databases.js";
import { percentile } from "./load.js";
import { prng } from "./register-data.js";
import { markdownTable, replaceSection } from "./report.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TITLE = "## Services (issue #11)";
const SUBMIT_TITLE = "## Application submissions (issue #11)";

/** What people type: the IF-2 examples, everyday words, English, and words no service has. */
export const BENCH_QUERIES = [
  "ใบอนุญาต ร้านอาหาร",
  "ร้านอาหาร",
  "เบี้ยยังชีพผู้สูงอายุ",
  "คนชรา",
  "ผู้พิการ",
  "ประกันสังคม มาตรา 39",
  "สร้างบ้าน",
  "ขออนุญาตก่อสร้างอาคาร",
  "ขยะ",
  "ภาษีป้าย",
  "ภาษีที่ดิน",
  "น้ำประปา",
  "เด็กแรกเกิด",
  "ทะเบียนพาณิชย์",
  "หาบเร่แผงลอย",
  "ร้องเรียน",
  "หมา",
  "ถมดิน",
  "อนุญาต",
  "ลงทะเบียน",
  "food shop licence",
  "building permit",
  "elderly allowance",
  "tax",
  "xyzzy",
];

const PLACES = [
  "บางรัก",
  "ปทุมวัน",
  "หนองจอก",
  "ลาดกระบัง",
  "สันทราย",
  "หางดง",
  "แม่ริม",
  "บ้านโป่ง",
  "ศรีราชา",
  "หาดใหญ่",
];
const EXTRA = ["ชั่วคราว", "ประจำปี", "รายใหม่", "ต่ออายุ", "เปลี่ยนแปลง", "ยกเลิก", "ขอสำเนา", "ขอคืน"];

/** The n-th service of the big catalogue: one of the 17 fixtures, renamed for a place and a variant. */
function benchService(n: number): ServiceDefinition {
  const base = SEARCH_CATALOGUE[n % SEARCH_CATALOGUE.length]!;
  const place = PLACES[Math.floor(n / SEARCH_CATALOGUE.length) % PLACES.length]!;
  const extra = EXTRA[Math.floor(n / (SEARCH_CATALOGUE.length * PLACES.length)) % EXTRA.length]!;
  return {
    ...base,
    code: `${base.code}-${n}`,
    name: { th: `${base.name.th}${extra} ${place} ${n}`, en: `${base.name.en} (${n})` },
    summary: { th: `${base.summary.th} พื้นที่${place}` },
  };
}

interface Row {
  db: Dialect;
  services: number;
  terms: number;
  load: number;
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  hits: number;
}

async function measure(handle: DatabaseHandle, queries: number, warmup: number, seed: number) {
  const random = prng(seed);
  const pick = () => BENCH_QUERIES[Math.floor(random() * BENCH_QUERIES.length)]!;
  for (let i = 0; i < warmup; i++) await searchServices(handle.db, "demo", pick(), { limit: 20 });
  const times = new Float64Array(queries);
  let hits = 0;
  for (let i = 0; i < queries; i++) {
    const q = pick();
    const start = performance.now();
    hits += (await searchServices(handle.db, "demo", q, { limit: 20 })).length;
    times[i] = performance.now() - start;
  }
  times.sort();
  return { times, hits: hits / queries };
}

async function runOne(dialect: Dialect, pgServer: PgServer | undefined, flags: Flags): Promise<Row> {
  const fresh = await createFreshDatabase(dialect, pgServer?.url);
  const handle = openDatabase(fresh.url);
  try {
    await migrateToLatest(handle.db, migrations);
    await seedIfEmpty(handle, systemClock, () => {});
    const started = performance.now();
    for (let i = 0; i < flags.services; i += flags.batch) {
      await withTransaction(handle, async (trx) => {
        for (let n = i; n < Math.min(i + flags.batch, flags.services); n++)
          await publishService(trx, "demo", benchService(n), { id: "bench" }, systemClock);
      });
    }
    const load = (performance.now() - started) / 1000;
    await sql`analyze`.execute(handle.db);
    const { count } = await handle.db
      .selectFrom("service_search_terms")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    const { times, hits } = await measure(handle, flags.queries, flags.warmup, flags.seed);
    return {
      db: dialect,
      services: flags.services,
      terms: Number(count),
      load,
      queries: flags.queries,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: times[times.length - 1]!,
      hits,
    };
  } finally {
    await handle.close();
    await fresh.drop();
  }
}

interface Flags {
  db: Dialect[];
  services: number;
  queries: number;
  warmup: number;
  batch: number;
  seed: number;
  docs: boolean;
  parts: string[];
  concurrency: number;
  requests: number;
  submitWarmup: number;
  fileKb: number;
}

function submissionsSection(rows: SubmissionRow[], flags: Flags): string {
  if (rows.length === 0)
    return "Not measured in this run (`--parts submissions` measures it: POST /api/v1/services/{code}/applications).";
  const bare = (db: Dialect) => rows.find((r) => r.db === db && r.variant === "bare")?.perSecond;
  const table = markdownTable(
    ["db", "variant", "ok", "errors", "submissions/s", "× bare", "p50 ms", "p99 ms"],
    rows.map((r) => [
      r.db,
      r.variant === "bare" ? "bare handler" : "applications API",
      String(r.ok),
      String(r.errors),
      r.perSecond.toFixed(1),
      r.variant === "bare" ? "1.00" : (r.perSecond / (bare(r.db) ?? Number.NaN)).toFixed(2),
      r.p50.toFixed(0),
      r.p99.toFixed(0),
    ]),
  );
  return `Each variant in its own process (bench/server.ts) on a fresh database, ${flags.concurrency} keep-alive clients on 127.0.0.1, ${flags.submitWarmup} warm-up requests then ${flags.requests} measured (or 60 s), each with its own \`Idempotency-Key\` and a different ${flags.fileKb} KB file. The file is a photo of an ID card (a real 1012 × 638 PNG, then random bytes up to the size) for the applications API, the PDF-shaped file of \`npm run bench\` for the bare handler. "applications API" is \`POST /api/v1/services/shop-permit/applications\` (multipart: the application as JSON, the file for the checklist's ID card; the test service of test/service-fixture.ts, no OTP): the answers checked against the form, the file screened and stored, the entry, the application, its document and the acknowledgement written in one transaction. "bare handler" is bench/bare-app.ts as \`npm run bench\` runs it: the same multipart parse, file write and one insert, nothing else. Aim: ≥ 0.5× bare on SQLite.

${table}`;
}

function header(command: string): string {
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const cpu = os.cpus()[0]?.model ?? "?";
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
  return `Measured ${when} UTC on ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; load average at the end ${load} (other work shared the machine: latencies are upper bounds). Command:

\`\`\`sh
${command}
\`\`\``;
}

function section(rows: Row[], command: string): string {
  const ms = (v: number) => v.toFixed(2);
  const table = markdownTable(
    [
      "db",
      "services",
      "index rows",
      "publish all",
      "queries",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "hits/query",
    ],
    rows.map((r) => [
      r.db,
      r.services.toLocaleString("en"),
      r.terms.toLocaleString("en"),
      `${r.load.toFixed(1)} s`,
      r.queries.toLocaleString("en"),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      ms(r.max),
      r.hits.toFixed(1),
    ]),
  );
  return `${TITLE}

${header(command)}

### Catalogue search (IF-2)

Each database is fresh: migrated and seeded (the demo agency), then ${rows[0]?.services.toLocaleString("en")} services are published with \`publishService\` in transactions of ${100}, which also fills the search index (\`service_search_terms\`, one row per service and word): the 17 services of the search test's catalogue (test/search-catalogue.ts), each renamed for one of 10 places and 8 variants. Then \`ANALYZE\`, a warm-up, and \`searchServices(db, "demo", q, { limit: 20 })\` called one after another in-process, \`q\` drawn at random from ${BENCH_QUERIES.length} queries (bench/services.ts: the IF-2 examples, everyday Thai words, English, and one word no service has). The time is the whole function: the ranked query and reading the 20 current versions. Aim: p99 under 20 ms on SQLite.

${table}
`;
}

export async function runServicesBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      services: { type: "string", default: "5000" },
      queries: { type: "string", default: "3000" },
      warmup: { type: "string", default: "300" },
      batch: { type: "string", default: "100" },
      seed: { type: "string", default: "11" },
      parts: { type: "string", default: "search,submissions" },
      concurrency: { type: "string", default: "50" },
      requests: { type: "string", default: "1500" },
      "submit-warmup": { type: "string", default: "200" },
      "file-kb": { type: "string", default: "100" },
      "no-docs": { type: "boolean", default: false },
    },
  });
  const flags: Flags = {
    db: values.db.split(",").filter((d): d is Dialect => d === "sqlite" || d === "postgres"),
    services: Number(values.services),
    queries: Number(values.queries),
    warmup: Number(values.warmup),
    batch: Number(values.batch),
    seed: Number(values.seed),
    docs: !values["no-docs"],
    parts: values.parts.split(","),
    concurrency: Number(values.concurrency),
    requests: Number(values.requests),
    submitWarmup: Number(values["submit-warmup"]),
    fileKb: Number(values["file-kb"]),
  };
  const log = (msg: string) => console.log(msg);
  const pgServer = flags.db.includes("postgres") ? await findOrStartPostgres(log) : undefined;
  const rows: Row[] = [];
  const submissions: SubmissionRow[] = [];
  try {
    for (const dialect of flags.db) {
      if (dialect === "postgres" && !pgServer) continue;
      if (flags.parts.includes("submissions"))
        submissions.push(
          ...(await runSubmissions(dialect, pgServer, {
            concurrency: flags.concurrency,
            requests: flags.requests,
            warmup: flags.submitWarmup,
            fileKb: flags.fileKb,
            log,
          })),
        );
      if (!flags.parts.includes("search")) continue;
      log(`${dialect}: publishing ${flags.services} services…`);
      const row = await runOne(dialect, pgServer, flags);
      log(
        `${dialect}: ${row.terms} index rows, loaded in ${row.load.toFixed(1)} s; search p50 ${row.p50.toFixed(2)} ms, p95 ${row.p95.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, max ${row.max.toFixed(2)} ms, ${row.hits.toFixed(1)} hits/query`,
      );
      rows.push(row);
    }
  } finally {
    await pgServer?.stop();
  }
  const docs = path.join(root, "docs", "benchmarks.md");
  const command = `npm run bench -- services ${argv.join(" ")}`.trim();
  if (flags.docs && submissions.length > 0)
    replaceSection(
      docs,
      `${SUBMIT_TITLE}\n\n${header(command)}\n\n${submissionsSection(submissions, flags)}\n`,
      SUBMIT_TITLE,
    );
  if (flags.docs && rows.length > 0) replaceSection(docs, section(rows, command), TITLE);
  return 0;
}

// #17 assistline: the big catalogue's n-th service, reused by the assistant's bench (bench/assistant.ts)
export { benchService };
