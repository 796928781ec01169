/**
 * The licences benchmark (issue #15): `npm run bench -- licences [--db sqlite,postgres] [--issue 20]
 * [--rows 1000000] [--lookups 2000]` (or BENCH_LICENCES_ISSUE, BENCH_LICENCES, BENCH_LICENCE_LOOKUPS).
 * (a) licences issued per second through `issueLicence` (number, PDF, QR, signature, row, matter action,
 * audit) beside the same template's PDF made alone (pdfkit + Thai layout, no signature, no database);
 * (b) the verification page (`GET /verify/{number}?c=`, in-process app.inject) p50/p99 with `--rows`
 * licences bulk-inserted, on each database. PostgreSQL runs when TEST_PG_URL names a server.
 * Not a test: figures go to docs/benchmarks.md by hand, with the machine they came from.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import {
  issueLicence,
  type Licence,
  licencePdf,
  newVerificationCode,
  verificationUrl,
} from "../src/licensing/index.js";
import { fixedClock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import { testDocumentSigner } from "../test/document-signer.js";
import { LICENSING_OFFICER, paidMatter } from "../test/licensing.js";
import { matterAwaitingPayment } from "../test/payment.js";
import { startTestService, type TestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { percentile } from "./load.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const ORIGIN = "http://borikan.test";

async function timed(n: number, one: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await one(i);
  return (n * 1e9) / Number(process.hrtime.bigint() - start);
}

/** (a) `issue` licences end to end, then the same licences' PDFs made alone, in the same process. */
async function benchIssuing(service: TestService, issue: number) {
  service.licensing.documentSigner = testDocumentSigner();
  const matters: string[] = [];
  for (let i = 0; i < issue; i++) {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    await paidMatter(service, clock, notice);
    matters.push(application.matterId);
  }
  const issued: Licence[] = [];
  const perSecond = await timed(issue, async (i) => {
    issued.push(
      await issueLicence(service.licensing, {
        agencyId: "demo",
        matterId: matters[i] as string,
        actor: LICENSING_OFFICER,
        at: clock.now(),
      }),
    );
  });
  const agency = { nameTh: "หน่วยงานทดลอง", nameEn: "Demo agency", postalAddress: null };
  const barePerSecond = await timed(issue, (i) => {
    const l = issued[i] as Licence;
    return licencePdf({
      agency,
      title: l.title,
      number: l.number,
      edition: l.edition,
      holderName: l.holderName,
      fields: l.fields,
      conditions: l.conditions,
      validFrom: l.validFrom,
      validUntil: l.validUntil,
      signer: l.signer,
      verifyUrl: verificationUrl(ORIGIN, l),
      verificationCode: l.verificationCode,
      issuedAt: clock.now(),
      demoSigner: false,
    });
  });
  return { perSecond, barePerSecond, sample: issued[0] as Licence };
}

/** Rows like `sample`, numbered `BENCH {n}/2569`, inserted in batches; returns a few to look up. */
async function bulkInsert(service: TestService, sample: Licence, rows: number, lookups: number) {
  const db = service.handle.db;
  const picked: { number: string; code: string }[] = [];
  const every = Math.max(1, Math.floor(rows / lookups));
  const BATCH = 500;
  for (let start = 0; start < rows; start += BATCH) {
    const values = [];
    for (let i = start; i < Math.min(rows, start + BATCH); i++) {
      const number = `BENCH ${i + 1}/2569`;
      const code = newVerificationCode();
      if (i % every === 0 && picked.length < lookups) picked.push({ number, code });
      values.push({
        id: `bench-${i}`,
        agency_id: "demo",
        matter_id: null,
        service_code: sample.serviceCode,
        service_version_id: null,
        series: "BENCH",
        be_year: 2569,
        sequence: i + 1,
        number_text: number,
        status: i % 50 === 0 ? ("revoked" as const) : ("issued" as const),
        title_th: sample.title.th,
        title_en: sample.title.en ?? sample.title.th,
        holder_name: sample.holderName,
        fields: JSON.stringify(sample.fields),
        conditions: JSON.stringify(sample.conditions),
        valid_from: sample.validFrom,
        valid_until: sample.validUntil,
        signer_name: sample.signer.name,
        signer_position: sample.signer.position,
        verification_code: code,
        pdf_key: sample.pdfKey,
        pdf_sha256: sample.pdfSha256,
        origin: "backfill" as const,
        scanned_at: null,
        scanned_by: null,
        scan_facts: null,
        displayed: 1,
        confidential: 0,
        previous_id: null,
        superseded_by: null,
        status_reason: null,
        status_changed_at: null,
        issued_at: sample.issuedAt,
        issued_by: "system:bench",
      });
    }
    await db.insertInto("licences").values(values).execute();
  }
  return picked;
}

/** The plan of the page's lookup, to check it is an index lookup on the code. */
async function lookupPlan(service: TestService, dialect: Dialect, code: string): Promise<string> {
  const query = sql`select * from licences where verification_code = ${code} and agency_id = ${"demo"}`;
  const explain = dialect === "postgres" ? sql`explain ${query}` : sql`explain query plan ${query}`;
  const result = await explain.execute(service.handle.db);
  return result.rows.map((r) => Object.values(r as object).join(" ")).join(" / ");
}

/** (b) the verification page's latency with `rows` licences in the table. */
async function benchVerification(
  service: TestService,
  dialect: Dialect,
  sample: Licence,
  rows: number,
  lookups: number,
) {
  const start = Date.now();
  const picked = await bulkInsert(service, sample, rows, lookups);
  const insertSeconds = (Date.now() - start) / 1000;
  if (dialect === "postgres") await sql`analyze licences`.execute(service.handle.db);
  const plan = await lookupPlan(service, dialect, picked[0]?.code ?? "");
  const url = (p: { number: string; code: string }) => `/verify/${encodeURIComponent(p.number)}?c=${p.code}`;
  for (const p of picked.slice(0, 100))
    await service.app.inject({ url: url(p), headers: { host: "borikan.test" } });
  const times: number[] = [];
  let failures = 0;
  for (const p of picked) {
    const t0 = process.hrtime.bigint();
    const res = await service.app.inject({ url: url(p), headers: { host: "borikan.test" } });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.statusCode !== 200) failures++;
  }
  const sorted = Float64Array.from(times).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), failures, insertSeconds, plan };
}

export async function runLicencesBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: process.env.TEST_PG_URL ? "sqlite,postgres" : "sqlite" },
      issue: { type: "string", default: process.env.BENCH_LICENCES_ISSUE ?? "20" },
      rows: { type: "string", default: process.env.BENCH_LICENCES ?? "1000000" },
      lookups: { type: "string", default: process.env.BENCH_LICENCE_LOOKUPS ?? "2000" },
    },
  });
  const dbs = String(values.db).split(",") as Dialect[];
  const issue = Number(values.issue);
  const rows = Number(values.rows);
  const lookups = Number(values.lookups);
  const issuing: string[] = [];
  const verifying: string[] = [];
  for (const dialect of dbs) {
    const service = await startTestService(dialect, { clock });
    try {
      await publishTestService(service);
      const a = await benchIssuing(service, issue);
      issuing.push(
        `| ${dialect} | ${issue} | ${a.perSecond.toFixed(2)} | ${a.barePerSecond.toFixed(2)} | ${(a.perSecond / a.barePerSecond).toFixed(2)}× |`,
      );
      const b = await benchVerification(service, dialect, a.sample, rows, lookups);
      verifying.push(
        `| ${dialect} | ${rows.toLocaleString("en")} | ${lookups} | ${b.p50.toFixed(2)} ms | ${b.p99.toFixed(2)} ms | ${b.failures} | ${b.insertSeconds.toFixed(0)} s | ${b.plan} |`,
      );
    } finally {
      await service.stop();
    }
  }
  console.log("## Licences issued (issueLicence end to end, signed with a test PKCS#12, no TSA)\n");
  console.log(
    "| Database | Licences | Issued/s | Bare PDF/s (same template) | Ratio |\n| --- | --- | --- | --- | --- |",
  );
  console.log(issuing.join("\n"));
  console.log("\n## Verification page (GET /verify/{number}?c=, in-process)\n");
  console.log(
    "| Database | Licences in table | Lookups | p50 | p99 | Not 200 | Insert time | Plan of the lookup |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  console.log(verifying.join("\n"));
  return 0;
}
