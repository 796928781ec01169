/**
 * Casework benchmark (issue #12), `npm run bench -- casework`: with `--matters` open applications
 * (default 100,000, over 4 units), on SQLite and (when one is available) PostgreSQL, each on a fresh
 * database:
 *   1. a unit's queue page (GET QUEUE_PATH, the officer's first page, oldest first) and a request's
 *      tracking page (GET /requests/:beYear/:sequence?t=, random receipts), p50/p99 at `--concurrency`
 *      clients, beside the bare baseline (bench/bare-casework.ts: the same tables, queries and a plain
 *      table, no session, no checks), each app in its own process (bench/server.ts);
 *   2. actions per second through `recordAction` (a comment on a random matter of the unit, checked
 *      against the table and the officer's units, timeline and audit rows) at `--officers` concurrent
 *      officers in this process, beside a bare transaction (lock the matter, bump its version, insert one
 *      timeline row).
 * The aim (ISSUE-12): p99 < 50 ms for both pages. Figures go to docs/benchmarks.md ("Casework").
 *
 * Flags: --db sqlite,postgres  --matters 100000  --concurrency 10  --requests 2000  --warmup 200
 *        --duration 30  --officers 20  --action-seconds 10  --seed 12  --no-docs
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { findAgency, listUnits } from "../src/agencies/index.js";
import { loadBusinessCalendar, toLocal } from "../src/calendar/index.js";
import { loadConfig } from "../src/config/index.js";
import { systemClock } from "../src/platform/clock.js";
import {
  type DatabaseHandle,
  type Dialect,
  isPostgres,
  openDatabase,
  withTransaction,
} from "../src/platform/db/database.js";
import { newId } from "../src/platform/ids.js";
import { loadOrCreateSecret } from "../src/platform/secret.js";
import { recordAction, trackingToken } from "../src/register/index.js";
import { createService } from "../src/service.js";
import { createStaff } from "../src/staff/index.js";
import { createFreshDatabase, type FreshDatabase, findOrStartPostgres } from "./databases.js";
import { percentile, runLoad } from "./load.js";
import { bulkLoad, prng } from "./register-data.js";
import { signIn } from "./register-page.js";
import { markdownTable, replaceSection } from "./report.js";
import { stopServer, waitFor } from "./server-control.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
export const CASEWORK_SECTION_TITLE = "## Casework (issue #12)";
/** The officer's queue page of the casework routes (their unit's open matters, oldest first). */
const QUEUE_PATH = "/office/work";
const OFFICER = { email: "bench.reviewer@demo.go.th", displayName: "เจ้าหน้าที่ตรวจสอบ (bench)" };
const OPEN = ["received", "in_review", "more_info_requested", "resubmitted", "awaiting_approval"];

interface PageRow {
  db: Dialect;
  page: string;
  variant: string;
  ok: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}
interface ActionRow {
  db: Dialect;
  variant: string;
  actions: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      matters: { type: "string", default: "100000" },
      concurrency: { type: "string", default: "10" },
      requests: { type: "string", default: "2000" },
      warmup: { type: "string", default: "200" },
      duration: { type: "string", default: "30" },
      officers: { type: "string", default: "20" },
      "action-seconds": { type: "string", default: "10" },
      seed: { type: "string", default: "12" },
      "no-docs": { type: "boolean", default: false },
    },
  });
  return {
    dbs: values.db.split(",") as Dialect[],
    matters: Number(values.matters),
    concurrency: Number(values.concurrency),
    requests: Number(values.requests),
    warmup: Number(values.warmup),
    durationMs: Number(values.duration) * 1000,
    officers: Number(values.officers),
    actionMs: Number(values["action-seconds"]) * 1000,
    seed: Number(values.seed),
    docs: !values["no-docs"],
  };
}
type Options = ReturnType<typeof parse>;

/** Turns the bulk-loaded register's matters into open applications spread over the units (25 % each). */
async function makeCasework(handle: DatabaseHandle, unitIds: string[]) {
  const db = handle.db;
  await sql`update matters set kind = 'application', version = 0,
    clock_start = (select min(e.working_start) from entries e where e.matter_id = matters.id)`.execute(db);
  await sql`update matters set due_at = clock_start`.execute(db);
  // uuids: their first hex digit spreads matters over units, their second over open statuses.
  const digits = "0123456789abcdef".split("");
  for (const [i, unit] of unitIds.entries()) {
    const mine = digits.filter((_, d) => d % unitIds.length === i);
    await db.updateTable("matters").set({ unit_id: unit }).where(sql`substr(id, 1, 1)`, "in", mine).execute();
  }
  for (const [i, status] of OPEN.entries()) {
    const mine = digits.filter((_, d) => d % OPEN.length === i);
    await db.updateTable("matters").set({ status }).where(sql`substr(id, 2, 1)`, "in", mine).execute();
  }
  await sql.raw(isPostgres(db) ? "vacuum analyze" : "analyze").execute(db);
}

async function measurePages(
  o: Options,
  fresh: FreshDatabase,
  variant: "borikan" | "bare-casework",
  ctx: PageContext,
  log: (m: string) => void,
) {
  const logFile = path.join(fresh.dataDir, `server-${variant}.log`);
  const out = fs.openSync(logFile, "a");
  const child: ChildProcess = fork(
    path.join(here, "server.ts"),
    [variant, fresh.url, fresh.dataDir, "warn"],
    {
      cwd: root,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", out, out, "ipc"],
    },
  );
  fs.closeSync(out);
  const rows: PageRow[] = [];
  try {
    const { port } = await waitFor(child, "ready", 120_000);
    const cookie = variant === "borikan" ? await signIn(port, OFFICER.email, ctx.password) : "";
    const pick = prng(o.seed);
    const pages = {
      queue: () => (variant === "borikan" ? QUEUE_PATH : `/queue?unit=${ctx.unitId}`),
      tracking: () => {
        const e = ctx.entries[Math.floor(pick() * ctx.entries.length)]!;
        return variant === "borikan"
          ? `/requests/${e.beYear}/${e.sequence}?t=${trackingToken(ctx.secret, e.id)}`
          : `/track/${e.beYear}/${e.sequence}`;
      },
    };
    for (const [page, pathOf] of Object.entries(pages)) {
      const base = {
        port,
        path: "/",
        pathOf: () => pathOf(),
        method: "GET" as const,
        concurrency: o.concurrency,
        contentType: "text/plain",
        body: () => Buffer.alloc(0),
        headers: (): Record<string, string> =>
          cookie ? { cookie, accept: "text/html" } : { accept: "text/html" },
        expectStatus: 200,
      };
      await runLoad({ ...base, count: o.warmup, durationMs: 60_000, firstIndex: 0 });
      const r = await runLoad({ ...base, count: o.requests, durationMs: o.durationMs, firstIndex: o.warmup });
      const row: PageRow = {
        db: fresh.dialect,
        page,
        variant: variant === "borikan" ? "Borikan" : "bare",
        ok: r.ok,
        errors: r.errors,
        perSecond: r.ok / (r.elapsedMs / 1000),
        p50: percentile(r.latencies, 50),
        p99: percentile(r.latencies, 99),
      };
      log(
        `${row.db} ${page} ${row.variant}: ${row.perSecond.toFixed(0)}/s p50 ${row.p50.toFixed(1)} ms p99 ${row.p99.toFixed(1)} ms, ${r.errors} errors ${r.errors ? JSON.stringify(r.errorKinds) + r.samples[0] : ""}`,
      );
      rows.push(row);
    }
  } finally {
    await stopServer(child);
  }
  return rows;
}

interface PageContext {
  password: string;
  unitId: string;
  secret: string;
  entries: { id: string; beYear: number; sequence: number }[];
}

/** `officers` loops, each taking one action after the other for `ms`, on random matters of the unit. */
async function measureActions(
  o: Options,
  handle: DatabaseHandle,
  staffId: string,
  unitId: string,
  matterIds: string[],
) {
  const rows: ActionRow[] = [];
  const variants = {
    recordAction: (matterId: string) =>
      recordAction(handle, {
        agencyId: "demo",
        subject: { matterId },
        action: "comment",
        payload: { text: "ตรวจแล้ว รอเอกสาร" },
        actor: { kind: "staff", staffId, roles: ["reviewer"] },
        unitIds: [unitId],
        at: new Date(),
      }),
    bare: (matterId: string) =>
      withTransaction(handle, async (trx) => {
        const q = trx.selectFrom("matters").select(["version", "status"]).where("id", "=", matterId);
        const m = await (isPostgres(trx) ? q.forNoKeyUpdate() : q).executeTakeFirstOrThrow();
        await trx
          .updateTable("matters")
          .set({ version: m.version + 1 })
          .where("id", "=", matterId)
          .execute();
        await trx
          .insertInto("matter_actions")
          .values({
            id: newId(),
            agency_id: "demo",
            matter_id: matterId,
            version: m.version + 1,
            action: "comment",
            from_status: m.status,
            to_status: m.status,
            actor: "bench",
            at: new Date().toISOString(),
            payload: "{}",
            visibility: "officers",
          })
          .execute();
      }),
  };
  for (const [variant, act] of Object.entries(variants)) {
    const pick = prng(o.seed + variant.length);
    const latencies: number[] = [];
    let errors = 0;
    const start = performance.now();
    const deadline = start + o.actionMs;
    await Promise.all(
      Array.from({ length: o.officers }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          try {
            await act(matterIds[Math.floor(pick() * matterIds.length)]!);
            latencies.push(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      }),
    );
    const elapsed = performance.now() - start;
    const sorted = Float64Array.from(latencies).sort();
    rows.push({
      db: handle.dialect,
      variant,
      actions: latencies.length,
      errors,
      perSecond: latencies.length / (elapsed / 1000),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    });
  }
  return rows;
}

export async function runCaseworkBench(argv: string[]): Promise<number> {
  const o = parse(argv);
  const log = (m: string) => console.log(m);
  const pages: PageRow[] = [];
  const actions: ActionRow[] = [];
  const pgServer = o.dbs.includes("postgres") ? await findOrStartPostgres(log) : undefined;
  try {
    for (const dialect of o.dbs) {
      if (dialect === "postgres" && !pgServer) {
        log("postgres: no server; skipped");
        continue;
      }
      const fresh = await createFreshDatabase(dialect, pgServer?.url);
      try {
        const service = await createService(
          loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, ROLE: "web", LOG_LEVEL: "warn" }),
          { log: () => {} },
        );
        const agency = (await findAgency(service.handle.db, "demo"))!;
        const calendar = await loadBusinessCalendar(service.handle.db, agency);
        const units = (await listUnits(service.handle.db, "demo")).map((u) => u.id);
        while (units.length < 4) units.push(await addUnit(service.handle, units.length));
        const unitId = units[0]!;
        const { staff, temporaryPassword } = await createStaff(
          service.handle,
          "demo",
          { ...OFFICER, roles: ["reviewer", "saraban_officer"], unitIds: [unitId] },
          { clock: systemClock, actor: "cli:bench" },
        );
        await service.close();
        // About 8 % of bulk-loaded entries join an earlier matter: load enough entries for the matters asked.
        const entries = Math.ceil(o.matters / 0.92);
        log(`${dialect}: bulk-loading ${entries} entries`);
        const until = toLocal(systemClock.now(), agency.timeZone).date;
        await bulkLoad(
          dialect,
          fresh.url,
          { entries, days: 250, seed: o.seed, batch: 5000 },
          { agencyId: "demo", calendar, unitIds: units, officerId: staff.id, until },
          log,
        );
        const handle = openDatabase(fresh.url);
        try {
          await makeCasework(handle, units);
          const count = await handle.db
            .selectFrom("matters")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow();
          log(`${dialect}: ${count.n} open matters`);
          const sample = await handle.db
            .selectFrom("entries")
            .select(["id", "be_year", "sequence"])
            .where("status", "=", "received")
            .limit(20_000)
            .execute();
          const ctx: PageContext = {
            password: temporaryPassword,
            unitId,
            secret: loadOrCreateSecret(fresh.dataDir),
            entries: sample.map((e) => ({ id: e.id, beYear: e.be_year, sequence: e.sequence })),
          };
          for (const variant of ["bare-casework", "borikan"] as const) {
            pages.push(...(await measurePages(o, fresh, variant, ctx, log)));
            if (variant === "borikan") ctx.password = "Bench-Register-Page-2569";
          }
          const mine = await handle.db
            .selectFrom("matters")
            .select("id")
            .where("unit_id", "=", unitId)
            .limit(20_000)
            .execute();
          const rows = await measureActions(
            o,
            handle,
            staff.id,
            unitId,
            mine.map((m) => m.id),
          );
          for (const r of rows)
            log(
              `${dialect} actions ${r.variant}: ${r.perSecond.toFixed(0)}/s p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`,
            );
          actions.push(...rows);
        } finally {
          await handle.close();
        }
      } finally {
        await fresh.drop();
      }
    }
  } finally {
    await pgServer?.stop();
  }
  if (o.docs)
    replaceSection(path.join(root, "docs/benchmarks.md"), section(o, pages, actions), CASEWORK_SECTION_TITLE);
  return 0;
}

async function addUnit(handle: DatabaseHandle, n: number): Promise<string> {
  const id = newId();
  await handle.db
    .insertInto("units")
    .values({
      id,
      agency_id: "demo",
      code: `bench-${n}`,
      name_th: `หน่วย ${n}`,
      name_en: `Unit ${n}`,
      phone: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

function section(o: Options, pages: PageRow[], actions: ActionRow[]): string {
  const pageTable = markdownTable(
    ["database", "page", "variant", "ok", "errors", "req/s", "p50 ms", "p99 ms"],
    pages.map((r) => [
      r.db,
      r.page,
      r.variant,
      String(r.ok),
      String(r.errors),
      r.perSecond.toFixed(0),
      f(r.p50),
      f(r.p99),
    ]),
  );
  const actionTable = markdownTable(
    ["database", "variant", "actions", "errors", "actions/s", "p50 ms", "p99 ms"],
    actions.map((r) => [
      r.db,
      r.variant,
      String(r.actions),
      String(r.errors),
      r.perSecond.toFixed(0),
      f(r.p50),
      f(r.p99),
    ]),
  );
  return `${CASEWORK_SECTION_TITLE}

\`npm run bench -- casework --matters ${o.matters} --concurrency ${o.concurrency} --officers ${o.officers}\`
(${new Date().toISOString().slice(0, 10)}; 2 cores). ${o.matters.toLocaleString("en")} open applications over 4 units;
the officer's unit holds a quarter of them. Pages at ${o.concurrency} clients without pause, each beside the bare
baseline (bench/bare-casework.ts: same tables and queries, a plain table, no session, no checks). Aim: p99 < 50 ms.

${pageTable}

Actions through \`recordAction\` (a comment on a random matter of the officer's unit: status table, unit scope,
version, timeline row, audit row) at ${o.officers} concurrent officers, beside a bare transaction (lock the
matter, bump its version, insert one timeline row):

${actionTable}
`;
}
