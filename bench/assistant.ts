/**
 * The assistant benchmark (issue #17, IF-4): `npm run bench -- assistant [--db sqlite,postgres]
 * [--faq 50000] [--services 5000] [--calls 1000]`. With `--faq` published FAQ entries bulk-inserted as
 * the FAQ bench seeds them (bench/faq.ts) and `--services` services published with their citizen manuals
 * as the services bench names them (bench/services.ts), `answerQuestion` p50/p99 in-process over
 * questions drawn from the seeded FAQ, from the services' names and questions the material cannot
 * answer, beside a bare baseline in the same run: one indexed lookup of one word in `faq_search_terms`.
 * PostgreSQL runs when TEST_PG_URL names a server. Not a test: figures go to docs/benchmarks.md by hand.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { answerQuestion } from "../src/assistant/index.js";
import { publishService, queryTermsOf } from "../src/catalog/index.js";
import { fixedClock } from "../src/platform/clock.js";
import { type Dialect, withTransaction } from "../src/platform/db/database.js";
import { startTestService, type TestService } from "../test/service.js";
import { faqBenchId, seedFaqEntries } from "./faq.js";
import { measureCalls } from "./load.js";
import { benchService } from "./services.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const SERVICES_PER_TRANSACTION = 100;
/** Questions no agency material answers (IF-4: the assistant must say it does not know). */
const UNKNOWN = [
  "ค่าจอดเรือที่ท่าน้ำวันละเท่าไร",
  "สนามบินเปิดกี่โมง",
  "ดาวอังคารอยู่ไกลแค่ไหน",
  "What is the weather on Mars?",
  "ร้านกาแฟที่อร่อยที่สุดอยู่ที่ไหน",
];

async function seedServices(service: TestService, count: number): Promise<void> {
  for (let from = 0; from < count; from += SERVICES_PER_TRANSACTION)
    await withTransaction(service.handle, async (trx) => {
      for (let n = from; n < Math.min(from + SERVICES_PER_TRANSACTION, count); n++)
        await publishService(trx, "demo", benchService(n), { id: "bench" }, clock);
    });
}

/** Every 5th an unknown one, every 5th a service's name asked about, the rest the FAQ's own questions. */
async function questionsOf(service: TestService, faq: number, services: number): Promise<string[]> {
  const ids = Array.from({ length: 200 }, (_, i) => faqBenchId((i * 7919) % faq));
  const rows = await service.handle.db
    .selectFrom("faq_entries")
    .select("question")
    .where("id", "in", ids)
    .execute();
  const asked = rows.map((r) => r.question.replace(/\s*\(\d+\)$/, ""));
  return Array.from({ length: 200 }, (_, i) =>
    i % 5 === 0
      ? UNKNOWN[i % UNKNOWN.length]!
      : i % 5 === 1
        ? `ขอ${benchService((i * 31) % services).name.th}ต้องทำอย่างไร`
        : asked[i % asked.length]!,
  );
}

export async function runAssistantBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: process.env.TEST_PG_URL ? "sqlite,postgres" : "sqlite" },
      faq: { type: "string", default: "50000" },
      services: { type: "string", default: "5000" },
      calls: { type: "string", default: "1000" },
    },
  });
  const [faq, services, calls] = [values.faq, values.services, values.calls].map(Number) as [
    number,
    number,
    number,
  ];
  if (![faq, services, calls].every((v) => Number.isInteger(v) && v >= 1)) {
    console.error("--faq, --services and --calls must be positive whole numbers");
    return 2;
  }
  const lines: string[] = [];
  for (const dialect of String(values.db).split(",") as Dialect[]) {
    const service = await startTestService(dialect, { clock });
    try {
      const seeding = performance.now();
      await seedFaqEntries(service, faq);
      await seedServices(service, services);
      const seconds = ((performance.now() - seeding) / 1000).toFixed(0);
      if (dialect === "postgres") await sql`analyze`.execute(service.handle.db);
      const db = service.handle.db;
      const questions = await questionsOf(service, faq, services);
      const question = (i: number) => questions[i % questions.length]!;
      let answered = 0;
      let unknownAnswered = 0;
      for (const [i, q] of questions.entries()) {
        const a = await answerQuestion(db, { agencyId: "demo", question: q, lang: "th" });
        if (a.kind === "answer") {
          answered++;
          if (i % 5 === 0) unknownAnswered++;
        }
      }
      const ask = await measureCalls(calls, (i) =>
        answerQuestion(db, { agencyId: "demo", question: question(i), lang: "th" }),
      );
      const bare = await measureCalls(calls, (i) =>
        db
          .selectFrom("faq_search_terms")
          .select("faq_entry_id")
          .where("agency_id", "=", "demo")
          .where("term", "=", queryTermsOf(question(i))[0] ?? "")
          .limit(3)
          .execute(),
      );
      const share = `${answered}/${questions.length} (unknown answered: ${unknownAnswered})`;
      lines.push(
        `| ${dialect} | ${faq.toLocaleString("en")} | ${services.toLocaleString("en")} | ${ask} | ${bare} | ${share} | ${seconds} s |`,
      );
    } finally {
      await service.stop();
    }
  }
  console.log("## Assistant (in-process, beside one indexed word lookup)\n");
  console.log(
    "| Database | FAQ | Services | p50 | p99 | Bare p50 | Bare p99 | Answered | Seeding |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  console.log(lines.join("\n"));
  return 0;
}
