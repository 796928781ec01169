/**
 * Reconciliation benchmark (issue #14, PY-3): one imported statement of 10,000 lines against 10,000 open
 * notices (about 9,500 matching, the rest an unknown Ref1 or another amount), through Borikan's import
 * (parse, fingerprints, lines, `recordPayment` with its e-receipt number and audit, in one transaction)
 * beside a bare baseline: the same lines inserted and matched by one SQL join with plain inserts, no
 * workflow. On SQLite, and PostgreSQL when TEST_PG_URL names a server.
 *
 *   npx tsx bench/payments-reconcile.ts [--lines 10000]
 *
 * The notices hang on one matter and do not gate it, so the matter's own step is not in the figures
 * (casework's benchmark measures actions).
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { importStatement } from "../src/payment/import-statement.js";
import { listAccounts } from "../src/payment/index.js";
import { formatRef1 } from "../src/payment/payment-counters.js";
import { systemClock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import { withTransaction } from "../src/platform/db/database.js";
import { newId } from "../src/platform/ids.js";
import { matterAwaitingPayment } from "../test/payment.js";
import { startTestService, type TestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { STATEMENT_MAPPING } from "../test/statements.js";

export interface ReconcileOptions {
  lines: number;
  dialects: Dialect[];
}

export interface ReconcileResult {
  dialect: Dialect;
  variant: "borikan" | "bare";
  lines: number;
  seconds: number;
  matched: number;
}

const FISCAL = 70;
const SEQUENCE_BASE = 5_000_000;

/** Notices 0..n-1 (Ref1 from SEQUENCE_BASE, 100.00 + i mod 50 baht) on one matter, not gating it. */
async function seedNotices(service: TestService, n: number): Promise<void> {
  const { application } = await matterAwaitingPayment(service, systemClock);
  const now = new Date();
  const due = new Date(now.getTime() + 15 * 86_400_000).toISOString();
  const db = service.handle.db.withoutPlugins();
  for (let i = 0; i < n; i += 500) {
    const rows = [];
    for (let j = i; j < Math.min(n, i + 500); j++)
      rows.push({
        id: newId(),
        agency_id: "demo",
        matter_id: application.matterId,
        kind: "other" as const,
        ref1: formatRef1(FISCAL, SEQUENCE_BASE + j),
        ref2: null,
        amount_satang: amountOf(j),
        lines: "[]",
        pay_to: null,
        due_at: due,
        status: "open" as const,
        gates_matter: 0,
        reminded_at: null,
        closed_at: null,
        created_at: now.toISOString(),
        created_by: "bench",
        version: 1,
      });
    await db.insertInto("payment_notices").values(rows).execute();
  }
}

const amountOf = (i: number) => 10_000 + (i % 50) * 100;

/** Line i: 95% pay notice i exactly; of the rest, half name no notice and half pay another amount. */
function statementLines(n: number) {
  const today = new Date();
  const date = `${today.getUTCDate()}/${today.getUTCMonth() + 1}/${today.getUTCFullYear() + 543}`;
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 20 === 19 ? (i % 40 === 39 ? "unknown" : "differs") : "match";
    const ref1 = formatRef1(
      FISCAL,
      kind === "unknown" ? SEQUENCE_BASE + 90_000_000 / 10 + i : SEQUENCE_BASE + i,
    );
    const amount = kind === "differs" ? amountOf(i) + 1 : amountOf(i);
    const time = `${String(Math.floor(i / 3600) % 24).padStart(2, "0")}:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`;
    return { date, time, amount, ref1, bankReference: `BR${i}` };
  });
}

function csvOf(lines: ReturnType<typeof statementLines>): Buffer {
  const rows = ["วันที่,เวลา,จำนวนเงิน,Ref1,Ref2,เลขที่รายการ,ผู้โอน"];
  for (const l of lines)
    rows.push(
      `${l.date},${l.time},${(l.amount / 100).toFixed(2)},${l.ref1},,${l.bankReference},ผู้โอน ${l.bankReference}`,
    );
  return Buffer.from(rows.join("\r\n"), "utf8");
}

async function runBorikan(dialect: Dialect, n: number): Promise<ReconcileResult> {
  const service = await startTestService(dialect, { clock: systemClock });
  try {
    await publishTestService(service);
    await seedNotices(service, n);
    const accountId = (await listAccounts(service.handle.db, "demo"))[0]!.id;
    const bytes = csvOf(statementLines(n));
    const started = process.hrtime.bigint();
    const result = await importStatement(
      service,
      {
        agencyId: "demo",
        accountId,
        filename: "bench.csv",
        bytes,
        mapping: { ...STATEMENT_MAPPING, columns: { ...STATEMENT_MAPPING.columns } },
      },
      { staffId: "bench" },
      new Date(),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { dialect, variant: "borikan", lines: result.lines, seconds, matched: result.states.matched };
  } finally {
    await service.stop();
  }
}

/** The baseline: lines inserted in batches, then one join pays the notices whose Ref1 and amount agree. */
async function runBare(dialect: Dialect, n: number): Promise<ReconcileResult> {
  const service = await startTestService(dialect, { clock: systemClock });
  try {
    await publishTestService(service);
    await seedNotices(service, n);
    const accountId = (await listAccounts(service.handle.db, "demo"))[0]!.id;
    const lines = statementLines(n);
    const db = service.handle.db.withoutPlugins();
    const now = new Date().toISOString();
    const statementId = newId();
    const started = process.hrtime.bigint();
    const matched = await withTransaction({ ...service.handle, db }, async (trx) => {
      await trx
        .insertInto("bank_statements")
        .values({
          id: statementId,
          agency_id: "demo",
          account_id: accountId,
          file_key: "bench",
          sha256: "bench",
          filename: "bench.csv",
          format: "csv",
          encoding: "utf-8",
          line_count: n,
          skipped_count: 0,
          matched_count: 0,
          imported_at: now,
          imported_by: "bench",
        })
        .execute();
      for (let i = 0; i < n; i += 500)
        await trx
          .insertInto("statement_lines")
          .values(
            lines.slice(i, i + 500).map((l, k) => ({
              id: newId(),
              agency_id: "demo",
              statement_id: statementId,
              account_id: accountId,
              line_number: i + k + 2,
              fingerprint: l.bankReference,
              posted_at: now,
              amount_satang: l.amount,
              ref1: l.ref1,
              ref2: null,
              bank_reference: l.bankReference,
              description: null,
              payer: null,
              state: "unmatched" as const,
              notice_id: null,
              payment_id: null,
              resolved_by: null,
              resolved_at: null,
              note: null,
              version: 1,
            })),
          )
          .execute();
      const inserted =
        await sql`insert into payments (id, agency_id, notice_id, matter_id, amount_satang, source,
        bank_reference, paid_at, recorded_at, recorded_by, payer_name, evidence, reviewed_by, reviewed_at)
        select 'p' || l.id, l.agency_id, n.id, n.matter_id, l.amount_satang, 'statement', l.bank_reference,
          l.posted_at, ${now}, 'bench', null, 'statement_line:' || l.id, null, null
        from statement_lines l join payment_notices n
          on n.agency_id = l.agency_id and n.ref1 = l.ref1 and n.amount_satang = l.amount_satang and n.status = 'open'
        where l.statement_id = ${statementId}`.execute(trx);
      await sql`update payment_notices set status = 'paid' where id in (select notice_id from payments)`.execute(
        trx,
      );
      return Number(inserted.numAffectedRows ?? 0);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { dialect, variant: "bare", lines: n, seconds, matched };
  } finally {
    await service.stop();
  }
}

/** Runs both variants on each database and returns the figures. */
export async function benchReconcile(options: ReconcileOptions): Promise<ReconcileResult[]> {
  const results: ReconcileResult[] = [];
  for (const dialect of options.dialects)
    for (const run of [runBorikan, runBare]) results.push(await run(dialect, options.lines));
  return results;
}

export function reconcileTable(results: ReconcileResult[]): string {
  return [
    "| Database | Variant | Lines | Time | Lines/s | Matched | Match rate |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.dialect} | ${r.variant} | ${r.lines} | ${r.seconds.toFixed(2)} s | ${(r.lines / r.seconds).toFixed(0)} | ${r.matched} | ${((100 * r.matched) / r.lines).toFixed(1)} % |`,
    ),
  ].join("\n");
}

export async function runReconcileBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { lines: { type: "string", default: "10000" } } });
  const dialects: Dialect[] = process.env.TEST_PG_URL ? ["sqlite", "postgres"] : ["sqlite"];
  const results = await benchReconcile({ lines: Number(values.lines), dialects });
  console.log(reconcileTable(results));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.exit(await runReconcileBench(process.argv.slice(2)));
