/**
 * The payment benchmark (issue #14): `npm run bench -- payments [--db sqlite,postgres] [--lines 10000]
 * [--notices 2000] [--concurrency 50] [--receipts 200]`. Four measures, each beside its bare baseline:
 * reconciliation of statement lines against notices (time and match rate), the bank's callbacks at 50
 * clients, e-receipts made and signed, and signatures alone (B-B, B-T with a local TSA).
 * Not a test: figures go to docs/benchmarks.md by hand, with the machine they came from.
 */
import { parseArgs } from "node:util";
import type { Dialect } from "../src/platform/db/database.js";
import { benchCallbacks } from "./payments-callbacks.js";
import { benchReceipts } from "./payments-receipts.js";
import { benchReconcile, reconcileTable } from "./payments-reconcile.js";
import { benchSigning } from "./payments-signing.js";

export async function runPaymentsBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: process.env.TEST_PG_URL ? "sqlite,postgres" : "sqlite" },
      lines: { type: "string", default: "10000" },
      notices: { type: "string", default: "2000" },
      matters: { type: "string", default: "50" },
      concurrency: { type: "string", default: "50" },
      receipts: { type: "string", default: "200" },
    },
  });
  const dbs = String(values.db).split(",") as Dialect[];
  console.log(`## Reconciliation: ${values.lines} statement lines against as many notices\n`);
  console.log(reconcileTable(await benchReconcile({ lines: Number(values.lines), dialects: dbs })));
  console.log(`\n## Bank callbacks: ${values.notices} callbacks at ${values.concurrency} clients\n`);
  const callbacks = await benchCallbacks({
    dbs,
    notices: Number(values.notices),
    matters: Number(values.matters),
    concurrency: Number(values.concurrency),
  });
  console.log("| Database | Handler | Answered 200 | Errors | Callbacks/s | p50 | p95 |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const f of callbacks.figures)
    console.log(
      `| ${f.dialect} | ${f.variant} | ${f.ok} | ${f.errors} | ${f.perSecond.toFixed(1)} | ${f.p50.toFixed(0)} ms | ${f.p95.toFixed(0)} ms |`,
    );
  console.log(`\nPaid once (payments, receipts per database): ${JSON.stringify(callbacks.paidOnce)}`);
  console.log(`\n## E-receipts: ${values.receipts} made and signed\n`);
  console.log(await benchReceipts({ receipts: Number(values.receipts) }));
  const signing = await benchSigning(Number(values.receipts));
  console.log(`\n## Signatures alone (${signing.n} one-page PDFs)\n`);
  console.log("| Signer | Signatures/s |\n| --- | --- |");
  console.log(`| PAdES B-B, RSA-2048 | ${signing.signaturesPerSecond.toFixed(1)} |`);
  console.log(`| PAdES B-T, RSA-2048 + local TSA | ${signing.withTsaPerSecond.toFixed(1)} |`);
  console.log(`| PAdES B-B, ECDSA P-256 (demo key) | ${signing.ecPerSecond.toFixed(1)} |`);
  return 0;
}
