import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { queryTermsOf } from "../catalog/index.js";
import { fixedClock } from "../platform/clock.js";
import { publishFaqEntry } from "./publish-faq-entry.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("publishing an FAQ entry on %s", (dialect) => {
  let service: TestService;
  let serviceId: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    serviceId = (await publishTestService(service)).serviceId;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("IF-4, WB-1: one entry per source, found by its Thai words, audited; an empty answer is refused and writes nothing", async () => {
    const input = {
      agencyId: "demo",
      serviceId,
      question: "ต่ออายุใบอนุญาตร้านอาหารต้องใช้เอกสารอะไรบ้าง",
      answer: "ใช้สำเนาใบอนุญาตเดิมและบัตรประจำตัวประชาชน",
      source: "webboard" as const,
      sourceId: "answer-1",
      actor: "staff:test",
    };
    const first = await publishFaqEntry(service, input);
    const again = await publishFaqEntry(service, { ...input, answer: "อีกคำตอบหนึ่ง" });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.entry.id).toBe(first.entry.id);
    const db = service.handle.db;
    const rows = await db
      .selectFrom("faq_entries")
      .select("id")
      .where("source_id", "=", "answer-1")
      .execute();
    expect(rows).toHaveLength(1);
    const terms = queryTermsOf("ใบอนุญาตร้านอาหาร");
    expect(terms.length).toBeGreaterThan(1);
    const found = await db
      .selectFrom("faq_search_terms")
      .select("faq_entry_id")
      .where("agency_id", "=", "demo")
      .where("term", "in", terms)
      .groupBy("faq_entry_id")
      .having(db.fn.countAll(), "=", terms.length)
      .execute();
    expect(found.map((f) => f.faq_entry_id)).toEqual([first.entry.id]);
    const audit = await db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", first.entry.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["faq.publish"]);

    await expect(
      publishFaqEntry(service, { ...input, sourceId: "answer-2", answer: "  " }),
    ).rejects.toMatchObject({
      code: "FAQ_ENTRY_INVALID",
    });
    const none = await db
      .selectFrom("faq_entries")
      .select("id")
      .where("source_id", "=", "answer-2")
      .execute();
    expect(none).toHaveLength(0);
  });
});
