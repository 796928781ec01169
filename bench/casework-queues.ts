/**
 * Casework queue benchmark (issue #12): an officer's work queue (`GET /office/work`, its views, a deep page)
 * and the staff API's queue with 100,000 open matters (and 20,000 ended ones), on SQLite and PostgreSQL,
 * each on a fresh database. Requests go through the app in-process (`inject`), one at a time: the figures
 * are the handler's own time (session, query, calendar, page), without the network.
 *
 *   npm run bench -- casework-queues [--db sqlite,postgres] [--matters 100000] [--requests 200] [--no-docs]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { listUnits } from "../src/agencies/index.js";
import { loadConfig } from "../src/config/index.js";
import { systemClock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import { newId } from "../src/platform/ids.js";
import { createService } from "../src/service.js";
import { signedInOfficer } from "../test/office.js";
import { createFreshDatabase, findOrStartPostgres } from "./databases.js";
import { percentile } from "./load.js";
import { replaceSection } from "./report.js";

const TITLE = "## Casework queues (issue #12)";
const DAY = 86_400_000;

interface Row {
  dialect: Dialect;
  what: string;
  p50: number;
  p99: number;
  rows: number;
}

export async function runCaseworkQueuesBench(argv: string[]): Promise<number> {
  const { values: flags } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      matters: { type: "string", default: "100000" },
      requests: { type: "string", default: "200" },
      "no-docs": { type: "boolean", default: false },
    },
  });
  const log = (msg: string) => console.log(msg);
  const total = Number(flags.matters);
  const requests = Number(flags.requests);
  const rows: Row[] = [];
  const pgServer = flags.db.includes("postgres") ? await findOrStartPostgres(log) : undefined;
  try {
    for (const dialect of flags.db.split(",") as Dialect[]) {
      if (dialect === "postgres" && !pgServer) continue;
      rows.push(...(await benchDialect(dialect, pgServer?.url, total, requests, log)));
    }
  } finally {
    await pgServer?.stop();
  }
  const table = [
    "| database | request | p50 ms | p99 ms | rows |",
    "| --- | --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) => `| ${r.dialect} | ${r.what} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rows} |`,
    ),
  ].join("\n");
  console.log(table);
  if (!flags["no-docs"] && rows.length > 0) {
    const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "benchmarks.md");
    const section = `${TITLE}\n\n\`npm run bench -- casework-queues --matters ${total} --requests ${requests}\`: ${total.toLocaleString("en")} open matters (70% with the permits unit, 20% with the saraban, 10% not yet routed; 5% assigned to the measured officer; 10% paused) and ${(total / 5).toLocaleString("en")} ended ones, in one agency. Each request in-process and one at a time (the handler's time: session, query, calendar, page of 50). Aim: p99 < 50 ms.\n\n${table}\n`;
    replaceSection(docs, section, TITLE);
  }
  return 0;
}

async function benchDialect(
  dialect: Dialect,
  pgUrl: string | undefined,
  total: number,
  requests: number,
  log: (msg: string) => void,
): Promise<Row[]> {
  const db = await createFreshDatabase(dialect, pgUrl);
  const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, ROLE: "web", LOG_LEVEL: "silent" });
  const service = await createService(config, { clock: systemClock, log: () => {} });
  try {
    const units = await listUnits(service.handle.db, "demo");
    const permits = units.find((u) => u.code === "permits")!.id;
    const saraban = units.find((u) => u.code === "saraban")!.id;
    const reviewer = await signedInOfficer(
      service.app,
      service.handle,
      systemClock,
      "demo",
      "bench-rev@demo.go.th",
      ["reviewer"],
      "",
      [permits],
    );
    const supervisor = await signedInOfficer(
      service.app,
      service.handle,
      systemClock,
      "demo",
      "bench-sup@demo.go.th",
      ["supervisor"],
    );
    const clerk = await signedInOfficer(
      service.app,
      service.handle,
      systemClock,
      "demo",
      "bench-sar@demo.go.th",
      ["saraban_officer"],
      "",
      [saraban],
    );
    const started = Date.now();
    await insertMatters(service.handle.db, total, { permits, saraban, assignee: reviewer.staff.id });
    log(
      `${dialect}: ${total + total / 5} matters inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const deep = await service.app.inject({
      url: `/api/v1/office/matters?limit=200`,
      headers: { accept: "application/json", cookie: reviewer.client.cookieHeader },
    });
    let cursor = (deep.json() as { next?: string }).next ?? "";
    for (let i = 0; i < 100 && cursor; i++) {
      const res = await service.app.inject({
        url: `/api/v1/office/matters?limit=200&after=${encodeURIComponent(cursor)}`,
        headers: { accept: "application/json", cookie: reviewer.client.cookieHeader },
      });
      cursor = (res.json() as { next?: string }).next ?? "";
    }
    const cases: [string, typeof reviewer.client, string, string][] = [
      ["unit officer: all", reviewer.client, "/office/work?view=all", "text/html"],
      ["unit officer: unassigned", reviewer.client, "/office/work?view=unassigned", "text/html"],
      ["unit officer: mine", reviewer.client, "/office/work?view=mine", "text/html"],
      ["unit officer: at risk", reviewer.client, "/office/work?view=at-risk", "text/html"],
      ["unit officer: overdue", reviewer.client, "/office/work?view=overdue", "text/html"],
      [
        "unit officer: page 101 (after 20,000)",
        reviewer.client,
        `/office/work?view=all&after=${encodeURIComponent(cursor)}`,
        "text/html",
      ],
      ["supervisor: whole agency", supervisor.client, "/office/work?view=all", "text/html"],
      ["saraban: not yet routed", clerk.client, "/office/work?view=unrouted", "text/html"],
      ["API: unit officer's queue", reviewer.client, "/api/v1/office/matters", "application/json"],
    ];
    const rows: Row[] = [];
    for (const [what, client, url, accept] of cases) {
      const times = new Float64Array(requests);
      let count = 0;
      for (let i = -20; i < requests; i++) {
        const t0 = performance.now();
        const res = await service.app.inject({ url, headers: { accept, cookie: client.cookieHeader } });
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (i >= 0) times[i] = ms;
        count = (res.body.match(/data-matter="/g) ?? res.body.match(/"receiptNumber"/g) ?? []).length;
      }
      times.sort();
      rows.push({ dialect, what, p50: percentile(times, 50), p99: percentile(times, 99), rows: count });
      log(
        `${dialect} ${what}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
      );
    }
    return rows;
  } finally {
    await service.close();
    await db.drop();
  }
}

/** Open matters spread over the last 60 days (due 7 days after their start), and a fifth as many ended. */
export async function insertMatters(
  db: Awaited<ReturnType<typeof createService>>["handle"]["db"],
  total: number,
  ids: { permits: string; saraban: string; assignee: string },
) {
  const now = Date.now();
  const batch = 1000;
  const all = total + total / 5;
  for (let start = 0; start < all; start += batch) {
    const values = [];
    for (let i = start; i < Math.min(all, start + batch); i++) {
      const ended = i >= total;
      // Open ones over the last 60 days (the newest still running, some due soon); ended ones before.
      const clockStart = ended
        ? new Date(now - 120 * DAY + Math.floor(((i - total) * 60 * DAY) / (all - total)))
        : new Date(now - 60 * DAY + Math.floor((i * 60 * DAY) / total));
      const r = i % 100;
      const iso = clockStart.toISOString();
      values.push({
        id: newId(),
        agency_id: "demo",
        receipt_number: `${i + 1}/2569`,
        subject: `คำขออนุญาตที่ ${i + 1}`,
        status: ended ? "closed" : r < 10 ? "more_info_requested" : "in_review",
        created_at: iso,
        updated_at: iso,
        kind: "application",
        version: 3,
        unit_id: r < 70 ? ids.permits : r < 90 ? ids.saraban : null,
        assigned_to: r % 20 === 0 ? ids.assignee : null,
        clock_start: iso,
        time_limit: JSON.stringify({ amount: 5, dayKind: "business" }),
        due_at: new Date(clockStart.getTime() + 7 * DAY).toISOString(),
        paused_at: !ended && r < 10 ? iso : null,
        ended_at: ended ? new Date(clockStart.getTime() + 3 * DAY).toISOString() : null,
      });
    }
    await db.insertInto("matters").values(values).execute();
  }
}
