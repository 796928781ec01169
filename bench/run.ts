/**
 * Web-submission benchmark (issue #2): Borikan's POST /api/v1/requests against a bare Fastify app doing
 * the same I/O, on SQLite and (when one is available) PostgreSQL, each on a fresh database.
 *
 *   npm run bench                         both databases, both variants, docs/benchmarks.md rewritten
 *   npm run bench -- --db sqlite          one database
 *   npm run bench -- --cpu-prof           also profile the servers (summary printed; docs left alone)
 *
 * Flags: --db sqlite,postgres  --variants borikan,bare  --concurrency 50  --warmup 200  --requests 3000
 *        --duration 20 (s, caps the measured phase)  --file-kb 100  --log-level info (Borikan's LOG_LEVEL)
 *        --cpu-prof  --no-docs
 *        --processes 1,2 (#18: Borikan also as N server processes on distinct ports, the clients spread over
 *        them; bare stays one process; rows "Borikan ×N" beside the one-process row)
 * Every request goes to 127.0.0.1; each phase is bounded by its request count and a time limit.
 *
 *   npm run bench -- register-page …      the register-page benchmark instead (issue #3, bench/register-page.ts;
 *                                         `npm run bench -- register-page --help`)
 *   npm run bench -- mail-intake …        the mail-intake benchmark instead (issue #4, bench/mail-intake.ts)
 *   npm run bench -- line-webhook …       the LINE webhook benchmark instead (issue #5, bench/line-webhook.ts)
 *   npm run bench -- fuzz …               malformed input against a listening server (issue #9, bench/fuzz.ts)
 *   npm run bench -- services …           catalogue search over 5,000 services (issue #11, bench/services.ts)
 *   npm run bench -- casework …           queue and tracking pages, actions per second (issue #12, bench/casework.ts)
 *   npm run bench -- sign-in …            email-code and ThaiD sign-ins per second (issue #13, bench/sign-in.ts)
 *   npm run bench -- casework-queues …    every view of the work queue, in-process, 100,000 open matters (issue #12)
 *   npm run bench -- sealing …            the cost of encryption at rest, in-process (issue #13, bench/sealing.ts)
 *   npm run bench -- payments …           reconciliation, bank callbacks, e-receipts, signatures (issue #14, bench/payments.ts)
 *   npm run bench -- payments-reconcile … 10,000 statement lines against 10,000 notices (issue #14)
 *   npm run bench -- licences …           licences issued per second, the verification page at 1,000,000 (issue #15)
 *   npm run bench -- dashboard …          the supervisors' dashboard over 1,000,000 entries (issue #16, bench/dashboard.ts)
 *   npm run bench -- assistant …          the FAQ assistant's answers over 50,000 FAQ and 5,000 services (issue #17)
 */
import { type ChildProcess, fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createFreshDatabase, type FreshDatabase, findOrStartPostgres, type PgServer } from "./databases.js";
import { type LoadOptions, type LoadResult, percentile } from "./load.js";
import { cpuTimes } from "./machine.js";
import { buildPayload } from "./payload.js";
import { type PgActivity, samplePgActivity } from "./pg-activity.js";
import { summariseProfile } from "./profile.js";
import { costTable, type RunResult, ratio, replaceSection, resultsTable, SECTION_TITLE } from "./report.js";
import type { ParentMessage } from "./server.js";
import { stopServer, waitFor } from "./server-control.js";
// #18 province
import { forkMoreServers, markServers, reportServers, stopServers } from "./server-fleet.js";
import { runSpread } from "./spread-load.js";
import { verifyBare, verifyRegister } from "./verify.js";

// A first positional argument picks another benchmark; none keeps this one.
if (process.argv[2] === "register-page") {
  const { runRegisterPageBench } = await import("./register-page.js");
  process.exit(await runRegisterPageBench(process.argv.slice(3)));
}
if (process.argv[2] === "mail-intake") {
  const { runMailIntakeBench } = await import("./mail-intake.js");
  process.exit(await runMailIntakeBench(process.argv.slice(3)));
}
if (process.argv[2] === "services") {
  const { runServicesBench } = await import("./services.js");
  process.exit(await runServicesBench(process.argv.slice(3)));
}
if (process.argv[2] === "casework") {
  const { runCaseworkBench } = await import("./casework.js");
  process.exit(await runCaseworkBench(process.argv.slice(3)));
}
if (process.argv[2] === "fuzz") {
  const { runFuzzBench } = await import("./fuzz.js");
  process.exit(await runFuzzBench(process.argv.slice(3)));
}
// #12 casework
if (process.argv[2] === "sealing") {
  const { runSealingBench } = await import("./sealing.js");
  process.exit(await runSealingBench(process.argv.slice(3)));
}
if (process.argv[2] === "casework-queues") {
  const { runCaseworkQueuesBench } = await import("./casework-queues.js");
  process.exit(await runCaseworkQueuesBench(process.argv.slice(3)));
}
// #13 sign-in
if (process.argv[2] === "sign-in") {
  const { runSignInBench } = await import("./sign-in.js");
  process.exit(await runSignInBench(process.argv.slice(3)));
}
// #14 payment: all four measures (payments), or reconciliation alone (payments-reconcile)
if (process.argv[2] === "payments") {
  const { runPaymentsBench } = await import("./payments.js");
  process.exit(await runPaymentsBench(process.argv.slice(3)));
}
if (process.argv[2] === "payments-reconcile") {
  const { runReconcileBench } = await import("./payments-reconcile.js");
  process.exit(await runReconcileBench(process.argv.slice(3)));
}
// #15 verify: licences issued per second beside a bare PDF; the verification page at 1,000,000 licences
if (process.argv[2] === "licences") {
  const { runLicencesBench } = await import("./licences.js");
  process.exit(await runLicencesBench(process.argv.slice(3)));
}
if (process.argv[2] === "line-webhook") {
  const { runLineWebhookBench } = await import("./line-webhook.js");
  process.exit(await runLineWebhookBench(process.argv.slice(3)));
}
// #16 webboard: the topic page and the webboard search at 100,000 posts, beside a bare query
if (process.argv[2] === "webboard") {
  const { runWebboardBench } = await import("./webboard.js");
  process.exit(await runWebboardBench(process.argv.slice(3)));
}
// #16 faqbench: the FAQ search and an entry page at 50,000 entries, beside a bare query
if (process.argv[2] === "faq") {
  const { runFaqBench } = await import("./faq.js");
  process.exit(await runFaqBench(process.argv.slice(3)));
}
// #16 dashbench: the supervisors' dashboard over 1,000,000 entries, beside a bare count of the period
if (process.argv[2] === "dashboard") {
  const { runDashboardBench } = await import("./dashboard.js");
  process.exit(await runDashboardBench(process.argv.slice(3)));
}
// #17 assistline: answerQuestion p50/p99 over 50,000 FAQ entries and 5,000 services, beside a bare lookup
if (process.argv[2] === "assistant") {
  const { runAssistantBench } = await import("./assistant.js");
  process.exit(await runAssistantBench(process.argv.slice(3)));
}

// #18 province: 500 agencies and a day of mixed traffic against 1, 2 and 4 web processes plus workers
if (process.argv[2] === "province") {
  const { runProvinceBench } = await import("./province.js");
  process.exit(await runProvinceBench(process.argv.slice(3)));
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite,postgres" },
    variants: { type: "string", default: "borikan,bare" },
    concurrency: { type: "string", default: "50" },
    warmup: { type: "string", default: "200" },
    requests: { type: "string", default: "3000" },
    duration: { type: "string", default: "20" },
    "file-kb": { type: "string", default: "100" },
    "log-level": { type: "string", default: "info" },
    "cpu-prof": { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    // #18 province: Borikan also as N server processes
    processes: { type: "string", default: "1" },
  },
});
if (flags.help) {
  const source = fs.readFileSync(new URL(import.meta.url), "utf8");
  console.log(source.slice(source.indexOf("/**") + 3, source.indexOf("*/")).replace(/^ \* ?/gm, ""));
  process.exit(0);
}

function count(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}
const concurrency = count("concurrency", flags.concurrency, 1, 1000);
const warmup = count("warmup", flags.warmup, 0, 100_000);
const requests = count("requests", flags.requests, 1, 1_000_000);
const durationS = count("duration", flags.duration, 1, 600);
const fileBytes = count("file-kb", flags["file-kb"], 1, 9 * 1024) * 1024;
const dbs = flags.db.split(",").map((d) => d.trim());
const variants = flags.variants.split(",").map((v) => v.trim());
for (const d of dbs) if (d !== "sqlite" && d !== "postgres") throw new Error(`--db: unknown database ${d}`);
for (const v of variants)
  if (v !== "borikan" && v !== "bare") throw new Error(`--variants: unknown variant ${v}`);
const pgRequested = process.argv.slice(2).some((a) => a.startsWith("--db"));
const cpuProf = flags["cpu-prof"];
const writeDocs = !flags["no-docs"] && !cpuProf;
const WARMUP_MAX_MS = 120_000;
// #18 province: Borikan as each of these counts of server processes (bare stays one); one is always kept
const processCounts = [
  ...new Set([1, ...flags.processes.split(",").map((p) => count("processes", p.trim(), 1, 16))]),
].sort((a, b) => a - b);

const log = (msg: string) => console.log(msg);
const cleanups: (() => Promise<void>)[] = [];
let current: ChildProcess | undefined;
// #18 province: the other server processes of a run with --processes
let others: ChildProcess[] = [];

async function cleanup() {
  // Whatever else fails while tearing down, the PostgreSQL server and temp directories must go.
  process.on("uncaughtException", (error) => log(`cleanup: ${String(error)}`));
  if (current && current.exitCode === null) current.kill("SIGKILL");
  for (const o of others) if (o.exitCode === null) o.kill("SIGKILL");
  for (const c of cleanups.splice(0).reverse()) await c().catch((error) => log(`cleanup: ${String(error)}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

async function runOne(
  db: "sqlite" | "postgres",
  variant: "borikan" | "bare",
  pg: PgServer | undefined,
  runId: string,
  profileDir: string | undefined,
  processes = 1,
): Promise<RunResult> {
  const fresh: FreshDatabase = await createFreshDatabase(db, pg?.url);
  cleanups.push(fresh.drop);
  const logFile = path.join(fresh.dataDir, "server.log");
  const out = fs.openSync(logFile, "a");
  const child = fork(path.join(here, "server.ts"), [variant, fresh.url, fresh.dataDir, flags["log-level"]], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...(profileDir ? { BENCH_CPU_PROF: profileDir } : {}) },
    stdio: ["ignore", out, out, "ipc"],
  });
  fs.closeSync(out);
  current = child;
  try {
    const { port } = await waitFor(child, "ready", 120_000).catch((error) => {
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
      throw new Error(`${String(error)}\n--- server log ---\n${tail}`);
    });
    // #18 province: the other processes, each started once the one before it serves (the first migrated
    // the fresh database); they share its database and DATA_DIR, as processes of one install do
    const more = await forkMoreServers(processes - 1, [
      variant,
      fresh.url,
      fresh.dataDir,
      flags["log-level"],
    ]);
    others = more.children;
    const ports = [port, ...more.ports];
    const payload = buildPayload(fileBytes, runId);
    let firstAnswer = "";
    const base: Omit<LoadOptions, "count" | "durationMs" | "firstIndex"> = {
      port,
      path: "/api/v1/requests",
      concurrency,
      contentType: payload.contentType,
      body: payload.body,
      headers: (i) => ({ "idempotency-key": `bench-${runId}-${variant}-${i}` }),
      expectStatus: 201,
      onFirstSuccess: (body) => {
        firstAnswer = body;
      },
    };
    log(`\n${db} / ${variant}: server on 127.0.0.1:${port}; warm-up ${warmup} requests`);
    const warm: LoadResult =
      warmup > 0
        ? await runSpread({ ...base, count: warmup, durationMs: WARMUP_MAX_MS, firstIndex: 0 }, ports)
        : {
            requests: 0,
            ok: 0,
            errors: 0,
            errorKinds: {},
            elapsedMs: 0,
            latencies: new Float64Array(),
            samples: [],
          };
    if (warm.errors > 0)
      log(`  warm-up errors: ${JSON.stringify(warm.errorKinds)} ${warm.samples.join(" | ")}`);
    if (variant === "borikan" && firstAnswer) {
      const receipt = JSON.parse(firstAnswer) as {
        receiptNumber: string;
        attachments: { accepted: boolean; mediaType: string }[];
      };
      log(
        `  first receipt ${receipt.receiptNumber}, attachment ${receipt.attachments.map((a) => `${a.mediaType} accepted=${a.accepted}`).join(", ")}`,
      );
    }

    child.send({ type: "mark" } satisfies ParentMessage);
    await waitFor(child, "marked", 10_000);
    await markServers(others); // #18 province
    log(`  measuring: ${requests} requests or ${durationS} s, ${concurrency} clients`);
    const sampler = db === "postgres" ? await samplePgActivity(fresh.url) : undefined;
    const stopSampler = async () => {
      await sampler?.stop();
    };
    if (sampler) cleanups.push(stopSampler);
    const cpu0 = cpuTimes();
    const m = await runSpread(
      { ...base, count: requests, durationMs: durationS * 1000, firstIndex: warmup },
      ports,
    );
    const cpu1 = cpuTimes();
    const activity: PgActivity | undefined = await sampler?.stop();
    if (sampler) cleanups.splice(cleanups.indexOf(stopSampler), 1);
    child.send({ type: "report" } satisfies ParentMessage);
    const report = await waitFor(child, "report", 60_000);
    // #18 province: the CPU of all the processes; their event loops' mean utilisation
    const rest = await reportServers(others);
    report.cpuUserMs += rest.cpuMs;
    report.eventLoopUtilization = (report.eventLoopUtilization + rest.elu * others.length) / processes;
    if (m.errors > 0) log(`  errors: ${JSON.stringify(m.errorKinds)} ${m.samples.join(" | ")}`);
    await stopServer(child);
    current = undefined;
    await stopServers(others); // #18 province

    const expected = warm.ok + m.ok;
    const verification =
      variant === "borikan"
        ? await verifyRegister(fresh.url, fresh.dataDir, expected)
        : await verifyBare(fresh.url, fresh.dataDir, expected);
    log(`  ${verification.text}`);
    const result: RunResult = {
      db,
      variant,
      requests: m.requests,
      ok: m.ok,
      errors: m.errors,
      errorKinds: m.errorKinds,
      reqPerSec: m.ok / (m.elapsedMs / 1000),
      p50: percentile(m.latencies, 50),
      p99: percentile(m.latencies, 99),
      serverCpuMsPerReq: (report.cpuUserMs + report.cpuSystemMs) / Math.max(1, m.ok),
      eventLoopUtilization: report.eventLoopUtilization,
      machineBusy: (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total),
      verification: verification.text,
      verified: verification.ok,
      pgActivity: activity,
      // #18 province
      label: processes > 1 ? `Borikan ×${processes}` : undefined,
    };
    log(
      `  ${result.ok} ok, ${result.errors} errors in ${(m.elapsedMs / 1000).toFixed(1)} s: ${result.reqPerSec.toFixed(1)} req/s, ` +
        `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; server CPU ${result.serverCpuMsPerReq.toFixed(2)} ms/req, ` +
        `event loop ${(100 * result.eventLoopUtilization).toFixed(0)}% busy, both cores ${(100 * result.machineBusy).toFixed(0)}% busy, rss ${report.rssMb.toFixed(0)} MB`,
    );
    if (activity) {
      log(
        `  PostgreSQL sessions (mean of ${activity.samples} samples): ${activity.lockWaiting.toFixed(1)} waiting on a lock, ` +
          `${activity.active.toFixed(1)} running a statement, ${activity.idleInTransaction.toFixed(1)} idle in a transaction`,
      );
    }
    if (report.profileFile) log(summariseProfile(report.profileFile, m.ok));
    return result;
  } finally {
    if (child.exitCode === null) await stopServer(child).catch(() => child.kill("SIGKILL"));
    await stopServers(others); // #18 province
    current = undefined;
    const index = cleanups.indexOf(fresh.drop);
    if (index >= 0) cleanups.splice(index, 1);
    await fresh.drop();
  }
}

function docsSection(
  results: RunResult[],
  pg: PgServer | undefined,
  command: string,
  sqliteNote: string,
): string {
  const cpu = os.cpus();
  const lines = [
    SECTION_TITLE,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ` +
      `${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, Linux ${os.release()}, Node ${process.version}. Command:`,
    "",
    "```sh",
    command,
    "```",
    "",
    `Each request is a multipart POST to \`/api/v1/requests\` of a new request (Thai name and subject, email, phone, ` +
      `confirmed) with one ${fileBytes / 1024} KB PDF-shaped attachment (\`%PDF-1.4\` … \`%%EOF\`, different bytes in every ` +
      `request) and a unique \`Idempotency-Key\`; ${concurrency} concurrent keep-alive clients in the bench process, ` +
      `${warmup} warm-up requests, then ${requests} requests or ${durationS} s, whichever comes first. The server runs in ` +
      "its own process on a fresh database and a fresh temp `DATA_DIR`, listening on 127.0.0.1. " +
      `**Borikan** is the whole service (\`createService\`, ROLE=web, SMTP unset, LOG_LEVEL=${flags["log-level"]} to a file). ` +
      "**bare** is a Fastify app with @fastify/multipart that reads the same body, writes the file (write + fsync) and " +
      "inserts one row in a transaction through the same `openDatabase`/`withTransaction` — no validation, file " +
      "screening, numbering, audit or outbox. Both report 201.",
    "",
    resultsTable(results),
    "",
    "Server-side cost in the measured phase (CPU of the server process per request; share of wall time its event loop " +
      "was busy; share of both cores busy, client and PostgreSQL included):",
    "",
    costTable(results),
    "",
    `Databases: SQLite ${sqliteNote}; ${pg ? `${pg.settings} (${pg.source})` : "PostgreSQL not run"}.`,
    "",
    "Sanity checks after each run:",
    "",
    ...results.map((r) => `- ${r.db} / ${r.variant}: ${r.verification}`),
    "",
  ];
  const readingFile = path.join(here, "web-submissions.reading.md");
  if (fs.existsSync(readingFile)) {
    let reading = fs.readFileSync(readingFile, "utf8").trim();
    for (const db of ["sqlite", "postgres"]) {
      const x = ratio(results, db);
      reading = reading.replaceAll(`{ratio.${db}}`, x === undefined ? "n/a" : `${x.toFixed(2)}×`);
    }
    const pgBorikan = results.find((r) => r.db === "postgres" && r.variant === "borikan")?.pgActivity;
    reading = reading.replaceAll("{pg.lockWaiting}", pgBorikan ? pgBorikan.lockWaiting.toFixed(0) : "most");
    lines.push("### Where the time goes", "", reading, "");
  }
  return lines.join("\n");
}

async function main() {
  const runId = crypto.randomBytes(4).toString("hex");
  let pg: PgServer | undefined;
  if (dbs.includes("postgres")) {
    pg = await findOrStartPostgres(log);
    if (pg) {
      cleanups.push(pg.stop);
      log(`PostgreSQL: ${pg.settings} (${pg.source})`);
    } else if (pgRequested) {
      throw new Error("--db postgres asked for, but no PostgreSQL server (set TEST_PG_URL)");
    }
  }
  const profileDir = cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), "borikan-bench-prof-")) : undefined;
  const results: RunResult[] = [];
  for (const db of dbs as ("sqlite" | "postgres")[]) {
    if (db === "postgres" && !pg) continue;
    for (const variant of variants as ("borikan" | "bare")[]) {
      results.push(await runOne(db, variant, pg, runId, profileDir));
      // #18 province
      if (variant === "borikan")
        for (const n of processCounts.slice(1))
          results.push(await runOne(db, variant, pg, runId, profileDir, n));
    }
  }
  await cleanup();

  const table = resultsTable(results);
  console.log(`\n${table}\n\n${costTable(results)}\n`);
  for (const db of ["sqlite", "postgres"]) {
    const x = ratio(results, db);
    if (x !== undefined)
      console.log(`${db}: Borikan/bare = ${x.toFixed(2)}× (${x >= 0.5 ? "meets" : "BELOW"} the ≥ 0.5× aim)`);
  }
  // #18 province: each Borikan ×N row beside the same database's bare row
  for (const r of results.filter((x) => x.label)) {
    const bare = results.find((x) => x.db === r.db && x.variant === "bare");
    if (bare) console.log(`${r.db}: ${r.label}/bare = ${(r.reqPerSec / bare.reqPerSec).toFixed(2)}×`);
  }
  if (profileDir) console.log(`profiles in ${profileDir}`);
  const allVerified = results.every((r) => r.verified);
  if (writeDocs) {
    const args = process.argv.slice(2);
    const command = `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`;
    const sqliteNote = "WAL, synchronous=FULL, one connection (openDatabase)";
    replaceSection(path.join(root, "docs", "benchmarks.md"), docsSection(results, pg, command, sqliteNote));
    console.log("docs/benchmarks.md: section written");
  }
  if (!allVerified) {
    console.error("sanity check FAILED (see above)");
    process.exitCode = 1;
  }
}

main().catch(async (error) => {
  console.error(error);
  await cleanup();
  process.exit(1);
});
