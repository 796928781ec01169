/**
 * Part 2 of `npm run bench -- services` (issue #11): application submissions per second with a 100 KB
 * attachment at 50 clients, POST /api/v1/services/{code}/applications (multipart: the application as
 * JSON, one photo of an ID card for the checklist), beside the bare handler of `npm run bench`
 * (bench/bare-app.ts: POST /api/v1/requests with the same file, the same I/O and nothing else).
 * Each variant runs in its own process (bench/server.ts) on a fresh database.
 */
import { fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrations } from "../migrations/index.js";
import { publishService } from "../src/catalog/index.js";
import { systemClock } from "../src/platform/clock.js";
import { type Dialect, openDatabase, withTransaction } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrate.js";
import { seedIfEmpty } from "../src/service.js";
import { makePng } from "../test/images.js";
import { TEST_SERVICE } from "../test/service-fixture.js";
import { createFreshDatabase, type PgServer } from "./databases.js";
import { percentile, runLoad } from "./load.js";
import { buildPayload } from "./payload.js";
import { stopServer, waitFor } from "./server-control.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

export interface SubmissionRow {
  db: Dialect;
  variant: "applications" | "bare";
  ok: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * A multipart application for TEST_SERVICE with a photo of an ID card of `fileBytes`, unique per request:
 * a real PNG (1012 × 638, 300 dpi at the card's size) followed by random bytes, as a camera's extra data
 * would be. (A PDF-shaped file of random bytes is no fair payload here: the resolution check reads PDFs.)
 */
export function applicationPayload(fileBytes: number) {
  const boundary = `----borikan-bench-${crypto.randomBytes(12).toString("hex")}`;
  const png = Buffer.from(makePng(1012, 638));
  const filler = crypto.randomBytes(Math.max(0, fileBytes - png.length - 21));
  const application = JSON.stringify({
    applicant: { type: "person", name: "สมหญิง รักดี", idNumber: "1101700230708", email: "somying@example.com" },
    answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
    documents: [{ documentId: "id-card", filename: "id.png" }],
    signature: { name: "สมหญิง รักดี", confirmed: true },
  });
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="application"\r\n\r\n${application}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id.png"\r\nContent-Type: image/png\r\n\r\n`,
    "utf8",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, "latin1");
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body(index: number) {
      // A different file each time, as real uploads are (the store keeps files by their sha256).
      const marker = Buffer.from(`${String(index).padStart(20, "0")}\n`, "latin1");
      return Buffer.concat([head, png, marker, filler, tail]);
    },
  };
}

export async function runSubmissions(
  dialect: Dialect,
  pgServer: PgServer | undefined,
  options: {
    concurrency: number;
    requests: number;
    warmup: number;
    fileKb: number;
    log: (m: string) => void;
  },
): Promise<SubmissionRow[]> {
  const rows: SubmissionRow[] = [];
  for (const variant of ["bare", "applications"] as const) {
    const fresh = await createFreshDatabase(dialect, pgServer?.url);
    try {
      if (variant === "applications") {
        const handle = openDatabase(fresh.url);
        await migrateToLatest(handle.db, migrations);
        await seedIfEmpty(handle, systemClock, () => {});
        await withTransaction(handle, (trx) =>
          publishService(trx, "demo", TEST_SERVICE, { id: "bench" }, systemClock),
        );
        await handle.close();
      }
      const logFile = path.join(fresh.dataDir, "server.log");
      const out = fs.openSync(logFile, "a");
      const child = fork(
        path.join(here, "server.ts"),
        [variant === "bare" ? "bare" : "borikan", fresh.url, fresh.dataDir, "warn"],
        { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", out, out, "ipc"] },
      );
      fs.closeSync(out);
      try {
        const { port } = await waitFor(child, "ready", 120_000);
        const runId = crypto.randomBytes(4).toString("hex");
        const payload =
          variant === "bare"
            ? buildPayload(options.fileKb * 1024, runId)
            : applicationPayload(options.fileKb * 1024);
        const base = {
          port,
          path:
            variant === "bare" ? "/api/v1/requests" : `/api/v1/services/${TEST_SERVICE.code}/applications`,
          concurrency: options.concurrency,
          contentType: payload.contentType,
          body: payload.body,
          headers: (i: number) => ({ "idempotency-key": `bench-${runId}-${i}` }),
          expectStatus: 201,
        };
        const warm = await runLoad({ ...base, count: options.warmup, durationMs: 60_000, firstIndex: 0 });
        if (warm.errors > 0)
          options.log(`  warm-up errors: ${JSON.stringify(warm.errorKinds)} ${warm.samples[0] ?? ""}`);
        const r = await runLoad({
          ...base,
          count: options.requests,
          durationMs: 60_000,
          firstIndex: options.warmup,
        });
        const row: SubmissionRow = {
          db: dialect,
          variant,
          ok: r.ok,
          errors: r.errors,
          perSecond: r.ok / (r.elapsedMs / 1000),
          p50: percentile(r.latencies, 50),
          p99: percentile(r.latencies, 99),
        };
        options.log(
          `${dialect} / ${variant}: ${row.perSecond.toFixed(1)}/s, p50 ${row.p50.toFixed(0)} ms, p99 ${row.p99.toFixed(0)} ms, ${r.errors} errors ${r.errors ? JSON.stringify(r.errorKinds) : ""}`,
        );
        rows.push(row);
      } finally {
        await stopServer(child);
      }
    } finally {
      await fresh.drop();
    }
  }
  return rows;
}
