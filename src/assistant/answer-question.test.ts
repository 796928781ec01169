import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishFaqEntry } from "../faq/index.js";
import { fixedClock } from "../platform/clock.js";
import { answerQuestion } from "./answer-question.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the FAQ assistant on %s", (dialect) => {
  let service: TestService;
  let faqId: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const published = await publishFaqEntry(service, {
      agencyId: "demo",
      serviceId: null,
      question: "ต่ออายุใบอนุญาตร้านอาหารต้องใช้เอกสารอะไรบ้าง",
      answer: "ใช้สำเนาใบอนุญาตเดิมและบัตรประจำตัวประชาชน",
      source: "officer",
      sourceId: null,
      actor: "staff:test",
    });
    faqId = published.entry.id;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("IF-4: answers from the FAQ with its source linked; says it does not know what the material lacks", async () => {
    const db = service.handle.db;
    const answered = await answerQuestion(db, {
      agencyId: "demo",
      question: "ต่ออายุใบอนุญาตร้านอาหารใช้เอกสารอะไร",
      lang: "th",
    });
    expect(answered.kind).toBe("answer");
    expect(answered.sources[0]).toMatchObject({ kind: "faq", id: faqId, url: `/faq/${faqId}` });
    const unknown = await answerQuestion(db, {
      agencyId: "demo",
      question: "ขอจดทะเบียนสมรสได้ที่ไหน",
      lang: "th",
    });
    expect(unknown).toEqual({ kind: "unknown", sources: [] });
    const otherAgency = await answerQuestion(db, {
      agencyId: "elsewhere",
      question: "ต่ออายุใบอนุญาตร้านอาหารใช้เอกสารอะไร",
      lang: "th",
    });
    expect(otherAgency.kind).toBe("unknown");
  });
});
