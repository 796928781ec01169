/**
 * The FAQ benchmark (issue #16): `npm run bench -- faq [--db sqlite,postgres] [--entries 50000]
 * [--lookups 1000]` (or BENCH_FAQ_ENTRIES). With `--entries` published FAQ entries (Thai questions and
 * answers) and their search words bulk-inserted, the FAQ search (`GET /faq?q=`, queries of one to three
 * words) and an entry page (`GET /faq/:id`) p50/p99 in-process, each beside a bare baseline in the same
 * run: the same rows read by the same query without the app. PostgreSQL runs when TEST_PG_URL names a
 * server. Not a test: figures go to docs/benchmarks.md by hand.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { queryTermsOf } from "../src/catalog/index.js";
import { listPublishedFaq } from "../src/faq/faq.repo.js";
import { faqTerms } from "../src/faq/index.js";
import { fixedClock } from "../src/platform/clock.js";
import type { Db, Dialect } from "../src/platform/db/database.js";
import { withTransaction } from "../src/platform/db/database.js";
import { startTestService, type TestService } from "../test/service.js";
import { measureCalls } from "./load.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const ROWS_PER_INSERT = 500;
const TERMS_PER_INSERT = 2000;
const SUBJECTS = ["ใบอนุญาตร้านอาหาร", "ใบอนุญาตก่อสร้างอาคาร", "ป้ายโฆษณา", "ตลาดนัด", "สถานที่สะสมอาหาร"];
const SUBJECTS_MORE = ["การจำหน่ายสินค้าในที่สาธารณะ", "กิจการที่เป็นอันตรายต่อสุขภาพ", "การขุดดินและถมดิน"];
const ASKS = [
  (s: string) => `ต่ออายุ${s}ต้องใช้เอกสารอะไรบ้าง`,
  (s: string) => `ค่าธรรมเนียม${s}เท่าไร ชำระทางออนไลน์ได้หรือไม่`,
  (s: string) => `ยื่นคำขอ${s}ได้ที่ไหน ใช้เวลากี่วัน`,
  (s: string) => `${s}หมดอายุแล้วต้องทำอย่างไร`,
  (s: string) => `มอบอำนาจให้ผู้อื่นยื่นคำขอ${s}แทนได้หรือไม่`,
];
const ANSWERS = [
  "ยื่นสำเนาบัตรประจำตัวประชาชน สำเนาทะเบียนบ้าน และแผนที่ตั้งสถานประกอบการ",
  "ชำระค่าธรรมเนียมได้ที่สำนักงานเขตหรือผ่านระบบชำระเงินออนไลน์ภายในสามสิบวัน",
  "เจ้าหน้าที่จะตรวจสอบสถานที่และแจ้งผลภายในสิบห้าวันทำการนับแต่วันที่ได้รับคำขอครบถ้วน",
  "หากใบอนุญาตหมดอายุ ให้ยื่นคำขอใหม่พร้อมชำระค่าปรับตามข้อบัญญัติท้องถิ่น",
];
/** One to three words, the way a citizen types them. */
const QUERIES = ["ต่ออายุ", "ค่าธรรมเนียม ร้านอาหาร", "ยื่นคำขอ ป้ายโฆษณา", "เอกสาร ต่ออายุ ตลาดนัด", "หมดอายุ"];

const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

function entryRow(i: number) {
  const subjects = [...SUBJECTS, ...SUBJECTS_MORE];
  const subject = subjects[i % subjects.length]!;
  const question = `${ASKS[Math.floor(i / subjects.length) % ASKS.length]!(subject)} (${i})`;
  const answer = `${ANSWERS[i % ANSWERS.length]!} ${ANSWERS[(i + 1) % ANSWERS.length]!} เลขที่ ${i}`;
  const at = new Date(clock.now().getTime() - i * 60_000).toISOString();
  return {
    id: idOf(i),
    agency_id: "demo",
    service_id: null,
    question,
    answer,
    regulation: "ข้อบัญญัติท้องถิ่น เรื่อง การควบคุมกิจการ พ.ศ. 2565",
    regulation_effective_on: "2022-10-01",
    holds_as_of: "2026-12-01",
    unit_id: null,
    source: "officer" as const,
    source_id: null,
    status: "published" as const,
    published_by: "staff:bench",
    published_at: at,
    withdrawn_by: null,
    withdrawn_at: null,
    withdrawn_reason: null,
  };
}

/** Bulk inserts of the rows and their words, cut as the FAQ cuts them (faqTerms). */
async function seed(service: TestService, entries: number): Promise<void> {
  for (let from = 0; from < entries; from += ROWS_PER_INSERT) {
    const rows = Array.from({ length: Math.min(ROWS_PER_INSERT, entries - from) }, (_, k) =>
      entryRow(from + k),
    );
    const terms = rows.flatMap((r) =>
      faqTerms(r).map((term) => ({ agency_id: "demo", term, faq_entry_id: r.id })),
    );
    await withTransaction(service.handle, async (trx) => {
      await trx.insertInto("faq_entries").values(rows).execute();
      for (let i = 0; i < terms.length; i += TERMS_PER_INSERT)
        await trx
          .insertInto("faq_search_terms")
          .values(terms.slice(i, i + TERMS_PER_INSERT))
          .execute();
    });
  }
}

/** The search's own query (the repository's), without the app: what the page costs beyond it. */
function bareSearch(db: Db, terms: string[]) {
  return listPublishedFaq(db, "demo", { terms, limit: 20 });
}

export async function runFaqBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: process.env.TEST_PG_URL ? "sqlite,postgres" : "sqlite" },
      entries: { type: "string", default: process.env.BENCH_FAQ_ENTRIES ?? "50000" },
      lookups: { type: "string", default: "1000" },
    },
  });
  const entries = Number(values.entries);
  const lookups = Number(values.lookups);
  if (!Number.isInteger(entries) || entries < 1 || !Number.isInteger(lookups) || lookups < 1) {
    console.error("--entries and --lookups must be positive whole numbers");
    return 2;
  }
  const lines: string[] = [];
  let failed = false;
  for (const dialect of String(values.db).split(",") as Dialect[]) {
    const service = await startTestService(dialect, { clock });
    try {
      await seed(service, entries);
      if (dialect === "postgres") await sql`analyze`.execute(service.handle.db);
      const db = service.handle.db;
      const bad: number[] = [];
      let empty = 0;
      const get = async (url: string) => {
        const res = await service.app.inject({ url, headers: { accept: "text/html" } });
        if (res.statusCode !== 200) bad.push(res.statusCode);
        return res.body;
      };
      const query = (i: number) => QUERIES[i % QUERIES.length]!;
      // Every query must find something, or the figures measure an empty page.
      for (const q of QUERIES)
        if (!(await get(`/faq?q=${encodeURIComponent(q)}`)).includes("data-faq=")) empty++;
      const search = await measureCalls(lookups, (i) => get(`/faq?q=${encodeURIComponent(query(i))}`));
      const searchBad = bad.length;
      const searchBare = await measureCalls(lookups, (i) => bareSearch(db, queryTermsOf(query(i))));
      const pick = (i: number) => idOf((i * 7919) % entries);
      const page = await measureCalls(lookups, (i) => get(`/faq/${pick(i)}`));
      const pageBare = await measureCalls(lookups, (i) =>
        db
          .selectFrom("faq_entries")
          .selectAll()
          .where("agency_id", "=", "demo")
          .where("id", "=", pick(i))
          .executeTakeFirst(),
      );
      const n = entries.toLocaleString("en");
      lines.push(`| ${dialect} | ${n} | search | ${search} | ${searchBare} | ${searchBad} |`);
      lines.push(`| ${dialect} | ${n} | entry page | ${page} | ${pageBare} | ${bad.length - searchBad} |`);
      if (bad.length > 0 || empty > 0) {
        console.error(`${dialect}: ${bad.length} answers not 200, ${empty} queries found nothing`);
        failed = true;
      }
    } finally {
      await service.stop();
    }
  }
  console.log("## FAQ (in-process, beside a bare query of the same rows)\n");
  console.log(
    "| Database | Entries | Route | p50 | p99 | Bare p50 | Bare p99 | Not 200 |\n| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  console.log(lines.join("\n"));
  return failed ? 1 : 0;
}

// #17 assistline: the bulk FAQ seeding and its ids, reused by the assistant's bench (bench/assistant.ts)
export { idOf as faqBenchId, seed as seedFaqEntries };
