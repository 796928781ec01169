/**
 * The webboard benchmark (issue #16): `npm run bench -- webboard [--db sqlite,postgres] [--posts 100000]
 * [--lookups 1000]` (or BENCH_WEBBOARD_POSTS). With `--posts` posts (20 a topic) bulk-inserted and
 * indexed, the topic page (`GET /webboard/topics/:id`) and the webboard search (`GET /webboard?q=`)
 * p50/p99 in-process, each beside a bare baseline in the same run: the same rows read by one query
 * without the app (the topic and its posts; the topics holding a word). PostgreSQL runs when
 * TEST_PG_URL names a server. Not a test: figures go to docs/benchmarks.md by hand.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { fixedClock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import { withTransaction } from "../src/platform/db/database.js";
import { reindexWebboardTopic } from "../src/webboard/index.js";
import { signedInCitizen } from "../test/citizen.js";
import { startTestService, type TestService } from "../test/service.js";
import { measureCalls } from "./load.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const PER_TOPIC = 20;
const WORDS = [
  "ใบอนุญาต",
  "ค่าธรรมเนียม",
  "เอกสาร",
  "ร้านค้า",
  "ต่ออายุ",
  "สถานที่",
  "ก่อสร้าง",
  "ป้าย",
  "อาหาร",
  "สุขลักษณะ",
];

async function seed(service: TestService, posts: number): Promise<string[]> {
  const { accountId } = await signedInCitizen(service.app, service.handle, service.sealer, {
    agencyId: "demo",
    at: clock.now(),
    email: "bench@example.th",
  });
  const topics = Math.ceil(posts / PER_TOPIC);
  const ids: string[] = [];
  const base = clock.now().getTime();
  for (let t = 0; t < topics; t++) {
    const id = `00000000-0000-4000-8000-${String(t).padStart(12, "0")}`;
    ids.push(id);
    const at = new Date(base - t * 60_000).toISOString();
    const word = (i: number) => WORDS[(t + i) % WORDS.length]!;
    await withTransaction(service.handle, async (trx) => {
      await trx
        .insertInto("webboard_topics")
        .values({
          id,
          agency_id: "demo",
          service_id: null,
          title: `สอบถามเรื่อง${word(0)} ${t}`,
          author_account_id: accountId,
          status: "open",
          hidden_reason: null,
          hidden_by: null,
          hidden_at: null,
          created_at: at,
          last_activity_at: at,
          post_count: PER_TOPIC,
        })
        .execute();
      const rows = Array.from({ length: Math.min(PER_TOPIC, posts - t * PER_TOPIC) }, (_, i) => ({
        id: `${id.slice(0, 24)}${String(t * PER_TOPIC + i).padStart(12, "0")}`.replace(
          /^00000000/,
          "11111111",
        ),
        agency_id: "demo",
        topic_id: id,
        author_account_id: accountId,
        body: `ขอสอบถามเกี่ยวกับ${word(i)}และ${word(i + 3)} ข้อความที่ ${i}`,
        status: "visible" as const,
        hidden_reason: null,
        hidden_by: null,
        hidden_at: null,
        created_at: at,
      }));
      await trx.insertInto("webboard_posts").values(rows).execute();
      await reindexWebboardTopic(trx, id);
    });
  }
  return ids;
}

export async function runWebboardBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: process.env.TEST_PG_URL ? "sqlite,postgres" : "sqlite" },
      posts: { type: "string", default: process.env.BENCH_WEBBOARD_POSTS ?? "100000" },
      lookups: { type: "string", default: "1000" },
    },
  });
  const posts = Number(values.posts);
  const lookups = Number(values.lookups);
  const lines: string[] = [];
  for (const dialect of String(values.db).split(",") as Dialect[]) {
    const service = await startTestService(dialect, { clock });
    try {
      const ids = await seed(service, posts);
      if (dialect === "postgres") await sql`analyze`.execute(service.handle.db);
      const db = service.handle.db;
      const pick = (i: number) => ids[(i * 7919) % ids.length]!;
      const bad: number[] = [];
      const get = async (url: string) => {
        const res = await service.app.inject({ url });
        if (res.statusCode !== 200) bad.push(res.statusCode);
      };
      const page = await measureCalls(lookups, (i) => get(`/webboard/topics/${pick(i)}`));
      const pageBare = await measureCalls(lookups, async (i) => {
        await db.selectFrom("webboard_topics").selectAll().where("id", "=", pick(i)).executeTakeFirst();
        await db
          .selectFrom("webboard_posts")
          .selectAll()
          .where("topic_id", "=", pick(i))
          .orderBy("created_at")
          .execute();
      });
      const q = (i: number) => `${WORDS[i % WORDS.length]} ${WORDS[(i + 3) % WORDS.length]}`;
      const search = await measureCalls(lookups, (i) => get(`/webboard?q=${encodeURIComponent(q(i))}`));
      const searchBare = await measureCalls(lookups, (i) =>
        db
          .selectFrom("webboard_search_terms")
          .select("topic_id")
          .where("agency_id", "=", "demo")
          .where("term", "=", WORDS[i % WORDS.length]!)
          .limit(21)
          .execute(),
      );
      lines.push(
        `| ${dialect} | ${posts.toLocaleString("en")} | topic page | ${page} | ${pageBare} | ${bad.length} |`,
      );
      lines.push(
        `| ${dialect} | ${posts.toLocaleString("en")} | search | ${search} | ${searchBare} | ${bad.length} |`,
      );
    } finally {
      await service.stop();
    }
  }
  console.log("## Webboard (in-process, beside a bare query of the same rows)\n");
  console.log(
    "| Database | Posts | Route | p50 | p99 | Bare p50 | Bare p99 | Not 200 |\n| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  console.log(lines.join("\n"));
  return 0;
}
