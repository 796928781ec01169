/**
 * A province on one install (issue #18), `npm run bench -- province`: N agencies, each with its staff, a
 * published service, its own mailbox on one private Dovecot and a LINE channel on a fake LINE, then a day of
 * mixed traffic (web submissions with a small PDF, mail APPENDed to the agencies' mailboxes, LINE
 * conversations, officers' register and casework pages, receipt tracking, licence verification) against 1,
 * 2 and 4 `ROLE=web` processes plus `--workers` `ROLE=worker` processes, each `src/main.ts` with its own PORT,
 * the clients taking the web processes in turn. A fresh database, mailbox server and fake LINE per count of
 * web processes, so each run starts from the same empty province. Docs are left to whoever runs it in full.
 *
 * Flags: --agencies 500  --web 1,2,4  --workers 2  --duration 60 (s)  --db postgres|sqlite  --officers 8
 *        (signed-in officers; the sign-in limit is 30 an address a minute)  --scale 2 (clients per unit of
 *        the mix)  --file-kb 20  --drain 180 (s the workers get to finish after the traffic)
 * PostgreSQL: TEST_PG_URL, else a throwaway server from scripts/pg-test-server.sh. Only 127.0.0.1 is used.
 */
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { TEST_MASTER_KEY } from "../test/db.js";
import { startFakeLine } from "../test/line-server.js";
import { createFreshDatabase, findOrStartPostgres, type PgServer } from "./databases.js";
import { checkProvince } from "./province-checks.js";
import { PROVINCE_IMAP_ENV, startFleet, startProvinceMailbox } from "./province-infra.js";
import { mixText, type ProvinceRun, runText, summary } from "./province-report.js";
import { signInOfficer } from "./province-sessions.js";
import { setupProvince } from "./province-setup.js";
import { runTraffic } from "./province-traffic.js";

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      agencies: { type: "string", default: "500" },
      web: { type: "string", default: "1,2,4" },
      workers: { type: "string", default: "2" },
      duration: { type: "string", default: "60" },
      db: { type: "string", default: "postgres" },
      officers: { type: "string", default: "8" },
      scale: { type: "string", default: "2" },
      "file-kb": { type: "string", default: "20" },
      drain: { type: "string", default: "180" },
    },
  });
  const whole = (name: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name}: a whole number ${min}..${max}`);
    return n;
  };
  if (values.db !== "postgres" && values.db !== "sqlite") throw new Error("--db: postgres or sqlite");
  return {
    agencies: whole("agencies", values.agencies, 1, 999),
    web: values.web.split(",").map((w) => whole("web", w.trim(), 1, 16)),
    workers: whole("workers", values.workers, 0, 16),
    durationMs: whole("duration", values.duration, 1, 3600) * 1000,
    dialect: values.db as "postgres" | "sqlite",
    officers: whole("officers", values.officers, 0, 25),
    scale: whole("scale", values.scale, 1, 50),
    fileKb: whole("file-kb", values["file-kb"], 1, 1024),
    drainMs: whole("drain", values.drain, 1, 3600) * 1000,
  };
}
type Options = ReturnType<typeof parse>;
const log = (m: string) => console.log(m);

async function runOnce(o: Options, web: number, pg: PgServer | undefined): Promise<ProvinceRun> {
  const undo: (() => Promise<unknown>)[] = [];
  try {
    const fresh = await createFreshDatabase(o.dialect, pg?.url);
    undo.push(fresh.drop);
    const mailbox = await startProvinceMailbox();
    undo.push(mailbox.stop);
    const line = await startFakeLine();
    undo.push(line.close);
    const env = {
      DATABASE_URL: fresh.url,
      DATA_DIR: fresh.dataDir,
      SECRET_KEY: "province-bench-secret",
      ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
      PUBLIC_URL: "http://province.bench",
      [PROVINCE_IMAP_ENV]: mailbox.password,
      LINE_CHANNEL_SECRET: line.channelSecret,
      LINE_CHANNEL_TOKEN: line.channelToken,
    };
    const t0 = Date.now();
    const agencies = await setupProvince(
      fresh,
      o.agencies,
      {
        imap: mailbox,
        line: {
          apiBaseUrl: line.apiBaseUrl,
          secretEnv: "LINE_CHANNEL_SECRET",
          tokenEnv: "LINE_CHANNEL_TOKEN",
        },
        env,
      },
      log,
    );
    await mailbox.addUsers(agencies.map((a) => a.mailUser));
    const setupMs = Date.now() - t0;
    log(
      `\n${web} web + ${o.workers} workers: ${agencies.length} agencies set up in ${(setupMs / 1000).toFixed(1)} s`,
    );

    const fleet = await startFleet(web, o.workers, env);
    undo.push(fleet.stop);
    const sessions = new Map<string, string>();
    for (const [i, agency] of agencies.slice(0, o.officers).entries())
      sessions.set(agency.id, await signInOfficer(fleet.ports[i % fleet.ports.length]!, agency));
    log(
      `  web processes on ports ${fleet.ports.join(", ")}; ${sessions.size} officers signed in; traffic for ${o.durationMs / 1000} s`,
    );
    const runId = crypto.randomBytes(4).toString("hex");
    const traffic = await runTraffic({
      ports: fleet.ports,
      agencies,
      sessions,
      line,
      mailbox,
      durationMs: o.durationMs,
      scale: o.scale,
      fileKb: o.fileKb,
      runId,
    });
    const { checks, drainMs } = await checkProvince(fresh.url, traffic, o.drainMs);
    const dead = fleet.processes.filter((p) => !p.isRunning());
    if (dead.length > 0) checks.push({ ok: false, text: `${dead.length} processes exited during the run` });
    const run: ProvinceRun = {
      web,
      workers: o.workers,
      dialect: o.dialect,
      setupMs,
      traffic,
      drainMs,
      checks,
    };
    log(runText(run));
    return run;
  } finally {
    for (const u of undo.reverse()) await u().catch((error) => log(`cleanup: ${String(error)}`));
  }
}

export async function runProvinceBench(argv: string[]): Promise<number> {
  const o = parse(argv);
  const pg = o.dialect === "postgres" ? await findOrStartPostgres(log) : undefined;
  if (o.dialect === "postgres" && !pg)
    throw new Error("--db postgres: no PostgreSQL server (set TEST_PG_URL)");
  if (pg) log(`PostgreSQL: ${pg.settings} (${pg.source})`);
  log(
    `Province: ${o.agencies} agencies; mix of clients: ${mixText(o.scale)} (think time about 20 ms, mail 200 ms)`,
  );
  const runs: ProvinceRun[] = [];
  try {
    for (const web of o.web) runs.push(await runOnce(o, web, pg));
  } finally {
    await pg?.stop();
  }
  log(`\n${summary(runs)}`);
  const failed = runs.some((r) => r.checks.some((c) => !c.ok));
  if (failed) console.error("sanity check FAILED (see above)");
  return failed ? 1 : 0;
}
