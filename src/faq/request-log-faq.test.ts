import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { signedInChief, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { type Channel, registerEntry } from "../register/index.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const REQUESTER = "นางสมศรี ทดสอบชื่อ";

describe.each(testDialects())("the request log and the FAQ on %s", (dialect) => {
  let service: TestService;
  let serviceId: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    serviceId = (await publishTestService(service)).serviceId;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const entryBy = async (channel: Channel, subject: string) => {
    const agency = (await findAgency(service.handle.db, "demo"))!;
    return withTransaction(service.handle, async (trx) => {
      const calendar = await loadBusinessCalendar(trx, agency);
      const input = {
        agencyId: "demo",
        channel,
        senderName: REQUESTER,
        subject,
        body: "รายละเอียด",
        language: "th" as const,
        attachments: [],
      };
      return (await registerEntry(trx, input, { clock, calendar, actor: "test" })).entry;
    });
  };

  it("RG-2, IF-4: logged from an entry of each channel without retyping, one row per entry, exported; published from the log, found by Thai search, on the service page; withdrawn, gone everywhere", async () => {
    const chief = await signedInChief(service, clock);
    const channels: Channel[] = ["web", "email", "line", "paper"];
    const entries = [];
    for (const channel of channels) entries.push(await entryBy(channel, `สอบถามเรื่องใบอนุญาตทาง ${channel}`));
    const logIds: string[] = [];
    for (const entry of entries) {
      const res = await chief.post("/office/request-log", { entryId: entry.id, informationSource: "ระเบียบ" });
      expect(res.statusCode).toBe(303);
      logIds.push(String(res.headers.location).split("/").at(-1)!);
      const again = await chief.post("/office/request-log", { entryId: entry.id });
      expect(again.headers.location).toBe(res.headers.location);
    }
    const db = service.handle.db;
    expect(await db.selectFrom("request_log").select("id").execute()).toHaveLength(4);
    const page = await chief.get("/office/request-log");
    expect(page.statusCode).toBe(200);
    for (const entry of entries) {
      expect(page.body).toContain(entry.subject);
      expect(page.body).toContain(entry.receiptNumber);
    }
    const csv = await chief.get("/office/request-log.csv");
    expect(csv.statusCode).toBe(200);
    expect(
      csv.body.startsWith(
        "\uFEFFวันที่รับ / Date received,วันที่ตอบ / Date replied,ผู้ขอ / Requester,เรื่อง / Subject,",
      ),
    ).toBe(true);
    expect(csv.body).toContain(`2026-12-07,,${REQUESTER},สอบถามเรื่องใบอนุญาตทาง web,ระเบียบ,`);
    const xlsx = await chief.get("/office/request-log.xlsx");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");

    // Not answered yet: no publishing.
    expect((await chief.post(`/office/request-log/${logIds[0]}/publish`, { question: "q" })).statusCode).toBe(
      409,
    );
    const reply = await chief.post(`/office/request-log/${logIds[0]}/reply`, {
      answer: "ยื่นคำขอต่ออายุใบอนุญาตได้ที่สำนักงานเขต",
      serviceId,
    });
    expect(reply.statusCode).toBe(303);
    const published = await chief.post(`/office/request-log/${logIds[0]}/publish`, {
      question: "ต่ออายุใบอนุญาตร้านค้าได้ที่ไหน",
      regulation: "ระเบียบกรุงเทพมหานคร ว่าด้วยร้านค้า",
      regulationEffectiveOn: "2025-01-01",
      holdsAsOf: "2026-12-01",
    });
    expect(published.statusCode).toBe(303);
    const faqId = String(published.headers.location).split("/").at(-1)!;

    const anon = (url: string) => service.app.inject({ url, headers: { accept: "text/html" } });
    const found = await anon(`/faq?q=${encodeURIComponent("ต่ออายุใบอนุญาต")}`);
    expect(found.body).toContain(faqId);
    const entryPage = await anon(`/faq/${faqId}`);
    expect(entryPage.statusCode).toBe(200);
    expect(entryPage.body).toContain("2568"); // the effective date in BE
    expect(entryPage.body).not.toContain(REQUESTER);
    const json = await anon(`/faq/${faqId}.json`);
    expect(JSON.stringify(json.json())).not.toContain(REQUESTER);
    expect(json.json().citation.holdsAsOf).toBe("2026-12-01");
    expect((await anon("/services/shop-permit")).body).toContain(faqId);

    const withdrawn = await chief.post(`/office/faq/${faqId}/withdraw`, { reason: "ระเบียบเปลี่ยน" });
    expect(withdrawn.statusCode).toBe(303);
    expect((await anon(`/faq/${faqId}`)).statusCode).toBe(404);
    expect((await anon(`/faq/${faqId}.json`)).statusCode).toBe(404);
    expect((await anon(`/faq?q=${encodeURIComponent("ใบอนุญาต")}`)).body).not.toContain(faqId);
    expect((await anon("/faq.json")).json().entries).toEqual([]);
    expect((await anon("/services/shop-permit")).body).not.toContain(faqId);
    const audit = await db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", faqId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["faq.publish", "faq.withdraw"]);
  });

  it("IF-4: an officer who may log may not publish; bad input is a 4xx and writes nothing", async () => {
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "saraban2@demo.go.th",
      ["saraban_officer"],
    );
    const entry = await entryBy("web", "คำถามทั่วไป");
    const res = await client.post("/office/request-log", { entryId: entry.id });
    const logId = String(res.headers.location).split("/").at(-1)!;
    await client.post(`/office/request-log/${logId}/reply`, { answer: "คำตอบ" });
    expect(
      (await client.post(`/office/request-log/${logId}/publish`, { question: "คำถาม" })).statusCode,
    ).toBe(403);
    expect((await client.post("/office/faq", { question: "q", answer: "a" })).statusCode).toBe(403);
    expect((await client.post("/office/request-log", { entryId: "not-an-id" })).statusCode).toBe(404);
    expect((await service.app.inject({ url: "/faq?after=zzz" })).statusCode).toBe(400);
    expect((await service.app.inject({ url: "/faq?service=%3Cscript%3E" })).statusCode).toBe(400);
    const count = await service.handle.db
      .selectFrom("faq_entries")
      .select("id")
      .where("source_id", "=", logId)
      .execute();
    expect(count).toHaveLength(0);
  });
});
