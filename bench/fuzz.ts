/**
 * Malformed-input benchmark (issue #9): `--requests` malformed requests against the whole service
 * listening on 127.0.0.1, on SQLite and (when one is available) PostgreSQL, each on a fresh database.
 *
 *   npm run bench -- fuzz                         both databases, docs/benchmarks.md section rewritten
 *   npm run bench -- fuzz --db sqlite --requests 2000 --no-docs      a quick run
 *
 * The inputs are those of the fuzz test (test/fuzz-inputs.ts, seeded): the submission API and the public
 * form (JSON, urlencoded, multipart, wrong content types, repeated fields, arrays and objects for text,
 * huge values, bytes that are not UTF-8, broken boundaries, too many parts, huge part headers), every
 * back-office POST route but sign-in and sign-out as a signed-in admin with a valid CSRF token (those
 * two are fuzzed in-process by src/http-fuzz.test.ts), the LINE webhook unsigned, mis-signed and signed
 * over those same bodies, and the LINE webhook with valid signatures over malformed
 * callbacks (test/line-fuzz-inputs.ts: events without or with a wrong timestamp, type or source, junk
 * JSON, bodies cut short, not UTF-8 or not JSON), each of which must be answered 200 and stored (RG-4).
 * The agency's LINE channel points at a local stand-in for LINE's servers (test/line-server.ts), so the
 * replies to valid events stay on this machine. The server (bench/server.ts, ROLE=web, LOG_LEVEL=silent)
 * runs in its own process; its RSS is read before the first input, half-way, after the
 * last, and after `--settle` seconds idle (half-way ≈ after: a plateau, not a leak). Afterwards a health
 * check and a valid submission must succeed.
 *
 * Flags: --db sqlite,postgres  --requests 12000  --concurrency 8  --duration 300 (s per database, caps the
 *        run)  --timeout 15 (s per request)  --settle 5  --seed 9  --no-docs  --help
 */
import { type ChildProcess, fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { openDatabase } from "../src/platform/db/database.js";
import { createStaff } from "../src/staff/index.js";
import { fillParams, fuzzBody, textValue } from "../test/fuzz-inputs.js";
import { lineBody } from "../test/line-fuzz-inputs.js";
import { type FakeLine, startFakeLine } from "../test/line-server.js";
import { connectLine } from "../test/line-webhook.js";
import { createFreshDatabase, findOrStartPostgres, type PgServer } from "./databases.js";
import { officeRoutes, send, signIn } from "./fuzz-client.js";
import { markdownTable, replaceSection } from "./report.js";
import type { ParentMessage } from "./server.js";
import { stopServer, waitFor } from "./server-control.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
export const FUZZ_SECTION_TITLE = "## Malformed input (issue #9)";
const VALID = { name: "สมหญิง รักดี", email: "somying@example.com", subject: "ขอสำเนา", confirmed: true };

interface FuzzCase {
  target: "api" | "form" | "office" | "line" | "line-signed";
  route: number;
  param: string;
  body: { kind: string; contentType: string; body: Buffer };
  signature: "none" | "garbage" | "valid";
  /** The body for `line-signed`: a malformed LINE callback, sent with a valid signature. */
  lineBody: { kind: string; contentType: string; body: Buffer };
}

interface DbResult {
  db: string;
  sent: number;
  byStatus: Map<string, number>;
  byTarget: Map<string, number>;
  /** Statuses of the signed malformed LINE callbacks alone (all 200 expected: stored, RG-4). */
  signedLine: Map<string, number>;
  lineStored: { answered200: number; stored: number };
  fiveHundreds: string[];
  seconds: number;
  rss: { before: number; half: number; after: number; settled: number };
  healthy: string;
  /** Fresh admins signed in after the fuzz locked one out. */
  signIns: number;
}

async function runOne(
  db: "sqlite" | "postgres",
  pg: PgServer | undefined,
  line: FakeLine,
  o: Options,
): Promise<DbResult> {
  const fresh = await createFreshDatabase(db, pg?.url);
  const logFile = path.join(fresh.dataDir, "server.log");
  const out = fs.openSync(logFile, "a");
  const child: ChildProcess = fork(
    path.join(here, "server.ts"),
    ["borikan", fresh.url, fresh.dataDir, "silent"],
    {
      cwd: root,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, LINE_CHANNEL_SECRET: line.channelSecret, LINE_CHANNEL_TOKEN: line.channelToken },
      stdio: ["ignore", out, out, "ipc"],
    },
  );
  fs.closeSync(out);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const handle = openDatabase(fresh.url);
  try {
    const { port } = await waitFor(child, "ready", 120_000);
    // The demo agency's LINE channel, so that signatures are checked; its API is the local stand-in.
    await connectLine({ handle }, line, new Date());
    const clock = { now: () => new Date() };
    const admin = await createStaff(
      handle,
      "demo",
      { email: "fuzz-bench@demo.go.th", displayName: "fuzz", roles: ["admin", "saraban_officer"] },
      { clock, actor: "bench" },
    );
    let session = await signIn(port, agent, "fuzz-bench@demo.go.th", admin.temporaryPassword);
    // Wrong second-factor codes lock the account and end its session (SC-1): a fresh admin then.
    let signIns = 0;
    let renewing: Promise<void> | undefined;
    const renew = (ended: typeof session) => {
      if (session !== ended) return renewing;
      renewing ??= (async () => {
        signIns++;
        const email = `fuzz-bench-${signIns}@demo.go.th`;
        const another = await createStaff(
          handle,
          "demo",
          { email, displayName: "fuzz", roles: ["admin", "saraban_officer"] },
          { clock, actor: "bench" },
        );
        // The fuzzed sign-in routes may have used up this address's attempts: wait out the window.
        for (let attempt = 1; ; attempt++) {
          try {
            session = await signIn(port, agent, email, another.temporaryPassword);
            break;
          } catch (error) {
            if (attempt >= 8) throw error;
            await new Promise((resolve) => setTimeout(resolve, 10_000));
          }
        }
        renewing = undefined;
      })();
      return renewing;
    };
    const routes = await officeRoutes(port, agent);
    const first = await send(
      port,
      agent,
      {
        path: "/api/v1/requests",
        headers: { "content-type": "application/json" },
        body: Buffer.from(JSON.stringify(VALID)),
      },
      30_000,
    );
    if (first.status !== 201) throw new Error(`a valid submission failed before the run: ${first.status}`);
    const ids = (await handle.db.selectFrom("entries").select("id").execute()).map((r) => r.id);
    console.log(
      `\n${db}: server on 127.0.0.1:${port}; ${routes.length} office POST routes; ${o.requests} inputs`,
    );

    child.send({ type: "report" } satisfies ParentMessage);
    const before = (await waitFor(child, "report", 30_000)).rssMb;
    const caseArb: fc.Arbitrary<FuzzCase> = fc.record({
      target: fc.constantFrom(
        "api",
        "api",
        "form",
        "form",
        "office",
        "office",
        "office",
        "line",
        "line-signed",
        "line-signed",
      ),
      route: fc.nat({ max: routes.length - 1 }),
      param: fc.oneof(fc.constantFrom(...ids), textValue),
      body: fuzzBody(),
      lineBody,
      signature: fc.constantFrom("none", "garbage", "valid"),
    });
    const byStatus = new Map<string, number>();
    const byTarget = new Map<string, number>();
    const signedLine = new Map<string, number>();
    let webhook200 = 0;
    const fiveHundreds: string[] = [];
    const t0 = Date.now();
    let sent = 0;
    let half = 0;
    for (let batch = 0; sent < o.requests && Date.now() - t0 < o.durationS * 1000; batch++) {
      const cases = fc.sample(caseArb, {
        seed: o.seed * 1000 + batch,
        numRuns: Math.min(200, o.requests - sent),
      });
      let next = 0;
      const worker = async () => {
        for (let c = cases[next++]; c; c = cases[next++]) {
          if (Date.now() - t0 >= o.durationS * 1000) return;
          const used = session;
          const request = toRequest(c, routes, used, line.channelSecret);
          const began = Date.now();
          const answer = await send(port, agent, request, o.timeoutS * 1000);
          if (c.target === "office" && answer.status === 401 && answer.body.includes("UNAUTHENTICATED"))
            await renew(used);
          sent++;
          const key = String(answer.status);
          byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
          byTarget.set(c.target, (byTarget.get(c.target) ?? 0) + 1);
          if (c.target === "line-signed") signedLine.set(key, (signedLine.get(key) ?? 0) + 1);
          if (c.target.startsWith("line") && answer.status === 200) webhook200++;
          if (answer.status === "timeout" || (typeof answer.status === "number" && answer.status >= 500))
            fiveHundreds.push(
              `${request.path.slice(0, 80)} ${c.target === "line-signed" ? c.lineBody.kind : c.body.kind} (${request.body.length} bytes, batch ${batch}, ${Date.now() - began} ms) → ${answer.status} ${answer.body.slice(0, 120)}`,
            );
        }
      };
      await Promise.all(Array.from({ length: o.concurrency }, worker));
      if (!half && sent >= o.requests / 2) {
        child.send({ type: "report" } satisfies ParentMessage);
        half = (await waitFor(child, "report", 30_000)).rssMb;
      }
      if (batch % 10 === 9) console.log(`  ${sent} sent, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    const seconds = (Date.now() - t0) / 1000;
    child.send({ type: "report" } satisfies ParentMessage);
    const after = (await waitFor(child, "report", 30_000)).rssMb;
    await new Promise((resolve) => setTimeout(resolve, o.settleS * 1000));
    child.send({ type: "report" } satisfies ParentMessage);
    const settled = (await waitFor(child, "report", 30_000)).rssMb;
    const health = await send(port, agent, { method: "GET", path: "/healthz" }, 30_000);
    const valid = await send(
      port,
      agent,
      {
        path: "/api/v1/requests",
        headers: { "content-type": "application/json" },
        body: Buffer.from(JSON.stringify(VALID)),
      },
      30_000,
    );
    const healthy = `health check ${health.status}, a valid submission ${valid.status}`;
    // Every webhook body answered 200 was stored first (RG-4): as many deliveries as 200s.
    const stored = await handle.db
      .selectFrom("line_deliveries")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow();
    const lineStored = { answered200: webhook200, stored: Number(stored.n) };
    console.log(
      `  ${sent} inputs in ${seconds.toFixed(1)} s: ${statusText(byStatus)}; ${fiveHundreds.length} ≥ 500 or unanswered; rss ${before.toFixed(0)} → ${half.toFixed(0)} → ${after.toFixed(0)} → ${settled.toFixed(0)} MB; ${healthy}`,
    );
    console.log(
      `  signed malformed LINE callbacks: ${statusText(signedLine)}; webhook 200s ${lineStored.answered200}, deliveries stored ${lineStored.stored}`,
    );
    for (const text of fiveHundreds.slice(0, 20)) console.log(`    ${text}`);
    return {
      db,
      sent,
      byStatus,
      byTarget,
      signedLine,
      lineStored,
      fiveHundreds,
      seconds,
      rss: { before, half, after, settled },
      healthy,
      signIns,
    };
  } finally {
    agent.destroy();
    await handle.close().catch(() => {});
    await stopServer(child).catch(() => child.kill("SIGKILL"));
    await fresh.drop();
  }
}

function toRequest(c: FuzzCase, routes: string[], session: { cookie: string; csrf: string }, secret: string) {
  const sign = (bytes: Buffer) => crypto.createHmac("sha256", secret).update(bytes).digest("base64");
  if (c.target === "line-signed") {
    const { contentType, body } = c.lineBody;
    return {
      path: "/line/webhook",
      headers: { "content-type": contentType, "x-line-signature": sign(body) },
      body,
    };
  }
  const headers: Record<string, string> = { "content-type": c.body.contentType, accept: "text/html" };
  // The session's CSRF token leads the body too, as a browser's form sends it.
  const body = c.target === "office" ? withToken(c.body, session.csrf) : c.body.body;
  let target = "/api/v1/requests";
  if (c.target === "form") target = "/requests";
  if (c.target === "office") {
    target = fillParams(routes[c.route]!, () => c.param.slice(0, 500));
    Object.assign(headers, { cookie: session.cookie, "x-csrf-token": session.csrf });
  }
  if (c.target === "line") {
    target = "/line/webhook";
    if (c.signature === "garbage") headers["x-line-signature"] = crypto.randomBytes(32).toString("base64");
    if (c.signature === "valid") headers["x-line-signature"] = sign(c.body.body);
  }
  return { path: target, headers, body };
}

/** The CSRF field put first in a urlencoded body (other bodies carry the token in the header only). */
function withToken(body: FuzzCase["body"], csrf: string): Buffer {
  if (body.contentType !== "application/x-www-form-urlencoded") return body.body;
  return Buffer.concat([Buffer.from(`_csrf=${csrf}&`), body.body]);
}

const statusText = (m: Map<string, number>) =>
  [...m]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s}: ${n}`)
    .join(", ");

interface Options {
  dbs: ("sqlite" | "postgres")[];
  requests: number;
  concurrency: number;
  durationS: number;
  timeoutS: number;
  settleS: number;
  seed: number;
  docs: boolean;
}

function parse(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      requests: { type: "string", default: "12000" },
      concurrency: { type: "string", default: "8" },
      duration: { type: "string", default: "300" },
      timeout: { type: "string", default: "15" },
      settle: { type: "string", default: "5" },
      seed: { type: "string", default: "9" },
      "no-docs": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    const source = fs.readFileSync(new URL(import.meta.url), "utf8");
    console.log(source.slice(source.indexOf("/**") + 3, source.indexOf("*/")).replace(/^ \* ?/gm, ""));
    return undefined;
  }
  const count = (name: keyof typeof values, min: number, max: number) => {
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
    dbs: dbs as Options["dbs"],
    requests: count("requests", 1, 1_000_000),
    concurrency: count("concurrency", 1, 200),
    durationS: count("duration", 1, 3600),
    timeoutS: count("timeout", 1, 600),
    settleS: count("settle", 0, 600),
    seed: count("seed", 0, 1_000_000),
    docs: !values["no-docs"],
  };
}

function docsSection(results: DbResult[], pg: PgServer | undefined, argv: string[]): string {
  const cpu = os.cpus();
  const command = `npm run bench -- fuzz${argv.length ? ` ${argv.join(" ")}` : ""}`;
  const statuses = [...new Set(results.flatMap((r) => [...r.byStatus.keys()]))].sort();
  return [
    FUZZ_SECTION_TITLE,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}; ${pg ? pg.settings : "PostgreSQL not run"}. Command:`,
    "",
    "```sh",
    command,
    "```",
    "",
    "Seeded malformed requests (the generators of the fuzz test, `test/fuzz-inputs.ts`) against the whole service in its own " +
      "process on 127.0.0.1 (ROLE=web, a fresh database): the submission API and the public form (4 in 10), every back-office " +
      "POST route except sign-in and sign-out (fuzzed in-process by the test) as a signed-in admin with a valid CSRF token (3 in 10), the LINE webhook unsigned, mis-signed or signed " +
      "over one of the bodies below (1 in 10), and the LINE webhook with a valid signature over a malformed LINE callback (2 in 10, `test/line-fuzz-inputs.ts`): " +
      "events without or with a wrong `timestamp`, `type`, `source`, `webhookEventId`, `deliveryContext` or message beside valid ones, JSON that is not a " +
      "delivery, bodies cut short, not UTF-8 or not JSON; the agency's LINE channel points at a local stand-in for LINE's servers. Other bodies: urlencoded with repeated fields and broken escapes or bytes " +
      "that are not UTF-8, JSON of the wrong types, multipart with no, a wrong or a 300-character boundary, cut short, without " +
      "its closing boundary, 120 fields or files, 300 parts, a 120 kB part header, parts without Content-Disposition, " +
      "`__proto__` fields; and wrong content types. `closed` is a connection the server closed after answering early.",
    "",
    markdownTable(
      [
        "db",
        "inputs",
        ...statuses.map((s) => `HTTP ${s}`),
        "≥ 500 or no answer",
        "seconds",
        "RSS MB before → half-way → after → settled",
      ],
      results.map((r) => [
        r.db,
        String(r.sent),
        ...statuses.map((s) => String(r.byStatus.get(s) ?? 0)),
        String(r.fiveHundreds.length),
        r.seconds.toFixed(0),
        `${r.rss.before.toFixed(0)} → ${r.rss.half.toFixed(0)} → ${r.rss.after.toFixed(0)} → ${r.rss.settled.toFixed(0)}`,
      ]),
    ),
    "",
    ...results.map(
      (r) =>
        `- ${r.db}: by target ${statusText(r.byTarget)}; signed malformed LINE callbacks answered ${statusText(r.signedLine)}; ${r.lineStored.stored} LINE deliveries stored for ${r.lineStored.answered200} webhook answers 200 (RG-4); ${r.signIns} fresh admin sign-ins after wrong second-factor codes locked one out; afterwards ${r.healthy}.`,
    ),
    ...results.map((r) => `- ${r.db}: ${memoryReading(r.rss)}`),
    "",
  ].join("\n");
}

/** Whether the server's memory kept growing with the inputs or levelled off at the largest bodies in flight. */
function memoryReading(rss: DbResult["rss"]): string {
  const grew = rss.after - rss.half;
  return grew <= rss.half * 0.05
    ? `RSS did not grow in the second half of the run (${rss.half.toFixed(0)} → ${rss.after.toFixed(0)} MB): it levels off at the buffers of the largest bodies in flight, which V8 keeps for reuse, rather than growing with the number of inputs.`
    : `RSS grew by ${grew.toFixed(0)} MB in the second half of the run (${rss.half.toFixed(0)} → ${rss.after.toFixed(0)} MB): look for a leak.`;
}

export async function runFuzzBench(argv: string[]): Promise<number> {
  const o = parse(argv);
  if (!o) return 0;
  let pg: PgServer | undefined;
  if (o.dbs.includes("postgres")) pg = await findOrStartPostgres((m) => console.log(m));
  const results: DbResult[] = [];
  const line = await startFakeLine();
  try {
    for (const db of o.dbs) {
      if (db === "postgres" && !pg) continue;
      results.push(await runOne(db, pg, line, o));
    }
  } finally {
    await line.close();
    await pg?.stop();
  }
  if (o.docs && results.length > 0) {
    replaceSection(
      path.join(root, "docs", "benchmarks.md"),
      docsSection(results, pg, argv),
      FUZZ_SECTION_TITLE,
    );
    console.log("docs/benchmarks.md: section written");
  }
  const bad = results.some(
    (r) =>
      r.fiveHundreds.length > 0 ||
      !r.healthy.endsWith("201") ||
      !r.healthy.includes("check 200") ||
      r.lineStored.stored !== r.lineStored.answered200 ||
      [...r.signedLine.keys()].some((status) => status !== "200"),
  );
  return bad ? 1 : 0;
}
