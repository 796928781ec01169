import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askedTopic } from "../../test/answers.js";
import { answerTopic } from "../../test/assistant-corpus.js";
import { testDialects } from "../../test/db.js";
import { textValue } from "../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishFaqEntry } from "../faq/index.js";
import { fixedClock } from "../platform/clock.js";
import { answerQuestion } from "./answer-question.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the assistant's page and material on %s", (dialect) => {
  let service: TestService;
  let faqId: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const published = await publishFaqEntry(service, {
      agencyId: "demo",
      serviceId: null,
      question: "รถเก็บขนมูลฝอยเข้าเก็บในชุมชนวันใด",
      answer: "ทุกวันอังคาร พฤหัสบดี และเสาร์ ช่วงเช้า",
      source: "officer",
      sourceId: null,
      actor: "staff:test",
    });
    faqId = published.entry.id;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const ask = (q: string, lang = "th") =>
    service.app.inject({ url: `/assistant?${new URLSearchParams({ q, lang }).toString()}` });

  it("IF-4: answers on the page with its source linked, and hands an unknown question over to the request form", async () => {
    const known = await ask("รถขยะมาเก็บวันไหน");
    expect(known.statusCode).toBe(200);
    expect(known.body).toContain(`href="/faq/${faqId}"`);
    expect(known.body).toContain("ทุกวันอังคาร");
    const unknown = await ask("ต่ออายุใบขับขี่ได้ที่ไหน");
    expect(unknown.body).toContain("ไม่ทราบ");
    const handOver = /href="(\/requests\?[^"]+)"[^>]*data-hand-over/.exec(unknown.body)?.[1];
    expect(handOver).toBeDefined();
    const form = await service.app.inject({ url: handOver!.replaceAll("&amp;", "&") });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("ต่ออายุใบขับขี่ได้ที่ไหน");
    const json = await service.app.inject({ url: `/assistant.json?q=${encodeURIComponent("ต่ออายุใบขับขี่")}` });
    expect(json.json()).toMatchObject({
      kind: "unknown",
      sources: [],
      handOver: expect.stringContaining("/requests?"),
    });
    const english = await ask("ต่ออายุใบขับขี่ได้ที่ไหน", "en");
    expect(english.body).toContain("I don&#39;t know");
  });

  it("IF-4: a question over 500 characters or of the wrong shape is a 400 with its reason", async () => {
    const long = await ask("ก".repeat(501));
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain("500");
    const array = await service.app.inject({ url: "/assistant.json?q=a&q=b" });
    expect(array.statusCode).toBe(400);
  });

  it("IF-4: only published material answers — a withdrawn FAQ entry, a draft webboard answer and another agency's material never appear", async () => {
    const db = service.handle.db;
    const withdrawn = await publishFaqEntry(service, {
      agencyId: "demo",
      serviceId: null,
      question: "สระว่ายน้ำของเขตเปิดให้บริการวันใด",
      answer: "เปิดวันอังคารถึงวันอาทิตย์",
      source: "officer",
      sourceId: null,
      actor: "staff:test",
    });
    // Withdrawn with its words left in the index: the status alone must keep it out.
    await db
      .updateTable("faq_entries")
      .set({ status: "withdrawn", withdrawn_by: "staff:test", withdrawn_at: clock.now().toISOString() })
      .where("id", "=", withdrawn.entry.id)
      .execute();
    const { topicId } = await askedTopic(service, {
      at: new Date("2026-12-01T03:00:00Z"),
      title: "สระว่ายน้ำของเขตเปิดวันไหน",
      question: "อยากไปว่ายน้ำ",
    });
    await answerTopic(service, topicId, "สระว่ายน้ำเปิดวันอังคารถึงวันอาทิตย์", "draft");
    const pool = await answerQuestion(db, {
      agencyId: "demo",
      question: "สระว่ายน้ำของเขตเปิดวันไหน",
      lang: "th",
    });
    expect(pool).toEqual({ kind: "unknown", sources: [] });
    const elsewhere = await answerQuestion(db, {
      agencyId: "elsewhere",
      question: "รถขยะมาเก็บวันไหน",
      lang: "th",
    });
    expect(elsewhere.kind).toBe("unknown");
    // A retired service's manual is never a source.
    await db
      .updateTable("services")
      .set({ state: "retired" })
      .where("code", "=", "elderly-allowance")
      .execute();
    const retired = await answerQuestion(db, {
      agencyId: "demo",
      question: "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ",
      lang: "th",
    });
    expect(retired.sources.some((s) => s.url === "/services/elderly-allowance")).toBe(false);
    await db
      .updateTable("services")
      .set({ state: "published" })
      .where("code", "=", "elderly-allowance")
      .execute();
    const back = await answerQuestion(db, {
      agencyId: "demo",
      question: "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ",
      lang: "th",
    });
    expect(back.sources.some((s) => s.url === "/services/elderly-allowance")).toBe(true);
  });

  it("IF-4: no 5xx from fuzzed questions on the page and the JSON, and nothing is written", async () => {
    const count = async () => {
      const db = service.handle.db;
      const [entries, audit] = await Promise.all([
        db.selectFrom("entries").select("id").execute(),
        db.selectFrom("audit_events").select("id").execute(),
      ]);
      return entries.length + audit.length;
    };
    const before = await count();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom("q", "lang"), textValue), { maxLength: 3 }),
        async (pairs) => {
          const search = new URLSearchParams(
            pairs.map(([k, v]): [string, string] => [k, v.slice(0, 700)]),
          ).toString();
          for (const url of [`/assistant?${search}`, `/assistant.json?${search}`]) {
            const res = await service.app.inject({ url });
            expect(res.statusCode, url).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 150, seed: 1717 },
    );
    expect(await count()).toBe(before);
  }, 120_000);
});
