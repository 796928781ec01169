/**
 * Bank-callback benchmark (issue #14, PY-4; measured by hand, not in CI): Borikan's
 * POST /api/v1/payments/bank-notifications at `concurrency` clients, each callback paying a distinct open
 * notice (so every request does the whole work: verify, store, lock the notice, record the payment, the
 * e-receipt number, the matter's action, the audit row), beside a bare Fastify handler that verifies the
 * same HMAC and inserts one row, on a fresh database of the same kind.
 *
 *   npx tsx bench/payments-callbacks.ts                      SQLite, and PostgreSQL when one can be had
 *   npx tsx bench/payments-callbacks.ts --db sqlite --notices 500
 *
 * Flags: --db sqlite,postgres  --notices 2000  --matters 50  --concurrency 50
 * PostgreSQL: TEST_PG_URL, else a throwaway server from scripts/pg-test-server.sh.
 */
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import type { Kysely } from "kysely";
import {
  findDefaultAccount,
  issuePaymentNotice,
  type PaymentNotice,
  plainBaht,
  signNotification,
} from "../src/payment/index.js";
import { generateCallbackSecret } from "../src/payment/save-payment-account.js";
import {
  type DatabaseHandle,
  type Dialect,
  openDatabase,
  withTransaction,
} from "../src/platform/db/database.js";
import { matterAwaitingPayment } from "../test/payment.js";
import { startTestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { createFreshDatabase, findOrStartPostgres } from "./databases.js";
import { percentile, runLoad } from "./load.js";

const URL_PATH = "/api/v1/payments/bank-notifications";
const BILLER = "099999999999990";

export interface CallbackBenchOptions {
  dbs: Dialect[];
  notices: number;
  matters: number;
  concurrency: number;
  log?: (msg: string) => void;
}

export interface CallbackFigures {
  variant: "borikan" | "bare";
  dialect: Dialect;
  ok: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
}

export interface CallbackBenchResult {
  figures: CallbackFigures[];
  /** Borikan's check after the run: payments recorded = callbacks answered 200, per database. */
  paidOnce: Record<string, { payments: number; receipts: number }>;
}

/** A signed callback (body and headers) per index, made once so both calls of runLoad agree. */
function signedCallbacks(secret: string, refs: { ref1: string; amountSatang: number }[], tag: string) {
  const made = refs.map((r, i) => {
    const body = Buffer.from(
      JSON.stringify({
        billerId: BILLER,
        transactionId: `${tag}-${i}`,
        transactionDateTime: new Date().toISOString().replace("Z", "+00:00"),
        amount: plainBaht(r.amountSatang),
        reference1: r.ref1,
        payerName: "ผู้ชำระทดสอบ",
      }),
    );
    return { body, timestamp: "" };
  });
  return {
    body: (i: number) => made[i]!.body,
    headers: (i: number) => {
      // Signed at send time: the timestamp must be within five minutes.
      const timestamp = String(Math.floor(Date.now() / 1000));
      return { "x-timestamp": timestamp, "x-signature": signNotification(secret, timestamp, made[i]!.body) };
    },
  };
}

interface BareDatabase {
  bare_notifications: { id: string; received_at: string; body: string };
}

async function startBare(handle: DatabaseHandle, secret: string) {
  const db = handle.db as unknown as Kysely<BareDatabase>;
  await db.schema
    .createTable("bare_notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .execute();
  const app = Fastify({ logger: false });
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.post(URL_PATH, async (req, reply) => {
    const raw = req.body as Buffer;
    const timestamp = String(req.headers["x-timestamp"] ?? "");
    const given = Buffer.from(String(req.headers["x-signature"] ?? ""));
    const expected = Buffer.from(signNotification(secret, timestamp, raw));
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
      return reply.code(401).send({ resCode: "01" });
    const id = crypto.randomUUID();
    await db
      .insertInto("bare_notifications")
      .values({ id, received_at: new Date().toISOString(), body: raw.toString("utf8") })
      .execute();
    return reply.send({ resCode: "00", resDesc: "success", confirmId: id });
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

const figuresOf = (
  variant: "borikan" | "bare",
  dialect: Dialect,
  r: Awaited<ReturnType<typeof runLoad>>,
) => ({
  variant,
  dialect,
  ok: r.ok,
  errors: r.errors,
  perSecond: r.ok / (r.elapsedMs / 1000),
  p50: percentile(
    r.latencies.slice(0, r.ok).sort((a, b) => a - b),
    50,
  ),
  p95: percentile(
    r.latencies.slice(0, r.ok).sort((a, b) => a - b),
    95,
  ),
});

/** Runs the benchmark on each database; returns the figures (and logs them as it goes). */
export async function benchCallbacks(opts: CallbackBenchOptions): Promise<CallbackBenchResult> {
  const log = opts.log ?? console.log;
  const figures: CallbackFigures[] = [];
  const paidOnce: CallbackBenchResult["paidOnce"] = {};
  const pg = opts.dbs.includes("postgres") ? await findOrStartPostgres(log) : undefined;
  try {
    for (const dialect of opts.dbs) {
      if (dialect === "postgres") {
        if (!pg) continue;
        process.env.TEST_PG_URL = pg.url;
      }
      log(`${dialect}: preparing ${opts.notices} open notices on ${opts.matters} matters…`);
      const service = await startTestService(dialect);
      try {
        await publishTestService(service);
        const clock = service.clock;
        const matters = [];
        for (let i = 0; i < opts.matters; i++) matters.push(await matterAwaitingPayment(service, clock));
        const notices: PaymentNotice[] = matters.map((m) => m.notice);
        const SYSTEM = { kind: "system", name: "system:bench" } as const;
        for (let i = notices.length; i < opts.notices; i++) {
          const matter = matters[i % matters.length]!.application.matterId;
          notices.push(
            await withTransaction(service.handle, (trx) =>
              issuePaymentNotice(
                trx,
                {
                  agencyId: "demo",
                  matterId: matter,
                  kind: "other",
                  lines: [{ detail: { th: "ค่าธรรมเนียม", en: "Fee" }, amountSatang: 10_000, basis: "fixed" }],
                  dueAt: new Date(clock.now().getTime() + 86_400_000),
                  gatesMatter: true,
                },
                SYSTEM,
                clock.now(),
              ),
            ),
          );
        }
        const account = await findDefaultAccount(service.handle.db, "demo");
        const secret = await generateCallbackSecret(service.handle, "demo", account!.id, {
          actor: "bench",
          at: clock.now(),
        });
        await service.app.listen({ port: 0, host: "127.0.0.1" });
        const port = (service.app.server.address() as AddressInfo).port;
        const callbacks = signedCallbacks(secret, notices, `${dialect}-borikan`);
        const borikan = await runLoad({
          port,
          path: URL_PATH,
          concurrency: opts.concurrency,
          count: notices.length,
          durationMs: 600_000,
          firstIndex: 0,
          contentType: "application/json",
          body: callbacks.body,
          headers: callbacks.headers,
          expectStatus: 200,
        });
        if (borikan.samples.length) log(`  borikan errors: ${borikan.samples.join(" | ")}`);
        figures.push(figuresOf("borikan", dialect, borikan));
        const db = service.handle.db;
        const count = async (table: "payments" | "e_receipts") =>
          Number(
            (
              await db
                .selectFrom(table)
                .select((e) => e.fn.countAll().as("n"))
                .executeTakeFirstOrThrow()
            ).n,
          );
        paidOnce[dialect] = { payments: await count("payments"), receipts: await count("e_receipts") };
      } finally {
        await service.stop();
      }

      const fresh = await createFreshDatabase(dialect, pg?.url);
      const handle = openDatabase(fresh.url);
      try {
        const bareSecret = crypto.randomBytes(32).toString("base64url");
        const server = await startBare(handle, bareSecret);
        const refs = Array.from({ length: opts.notices }, (_, i) => ({
          ref1: String(i),
          amountSatang: 10_000,
        }));
        const callbacks = signedCallbacks(bareSecret, refs, `${dialect}-bare`);
        const bare = await runLoad({
          port: server.port,
          path: URL_PATH,
          concurrency: opts.concurrency,
          count: opts.notices,
          durationMs: 600_000,
          firstIndex: 0,
          contentType: "application/json",
          body: callbacks.body,
          headers: callbacks.headers,
          expectStatus: 200,
        });
        figures.push(figuresOf("bare", dialect, bare));
        await server.close();
      } finally {
        await handle.close();
        await fresh.drop();
      }
      for (const f of figures.filter((x) => x.dialect === dialect))
        log(
          `  ${f.variant}: ${f.ok} ok, ${f.errors} errors, ${f.perSecond.toFixed(1)}/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms`,
        );
      if (paidOnce[dialect])
        log(
          `  borikan recorded ${paidOnce[dialect].payments} payments, ${paidOnce[dialect].receipts} e-receipts`,
        );
    }
  } finally {
    await pg?.stop();
  }
  return { figures, paidOnce };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      notices: { type: "string", default: "2000" },
      matters: { type: "string", default: "50" },
      concurrency: { type: "string", default: "50" },
    },
  });
  const dbs = String(values.db).split(",") as Dialect[];
  await benchCallbacks({
    dbs,
    notices: Number(values.notices),
    matters: Number(values.matters),
    concurrency: Number(values.concurrency),
  });
  process.exit(0);
}
